namespace CrmExtensions.Sandbox.Salesforce.Http;

/// <summary>A call under <c>/services/data/vXX.X/</c>: method, path after the version, query string, headers, body.</summary>
internal sealed record SfRequest(string Method, string Version, string Path, Microsoft.AspNetCore.Http.IQueryCollection Query, Microsoft.AspNetCore.Http.IHeaderDictionary Headers, byte[] Body);
