namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>
/// One Web API request, whether it arrived over HTTP or inside a $batch. <see cref="Path"/> is the part after
/// <c>/api/data/v9.2/</c>; <see cref="RawQuery"/> is the query string without '?', still URL-encoded.
/// </summary>
internal sealed record DataverseRequest(string Method, string Path, string RawQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
