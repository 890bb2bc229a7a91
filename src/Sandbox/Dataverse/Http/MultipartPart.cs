namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>One part of a multipart/mixed body: its headers and its content (text).</summary>
internal sealed record MultipartPart(IReadOnlyDictionary<string, string> Headers, string Content);
