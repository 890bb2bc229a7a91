namespace CrmExtensions.Sandbox.Salesforce.Http;

/// <summary>Why one record's write failed: status, code, message and the fields involved.</summary>
internal sealed record SfRecordError(int Status, string Code, string Message, IReadOnlyList<string> Fields);
