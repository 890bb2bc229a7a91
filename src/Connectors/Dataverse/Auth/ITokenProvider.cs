namespace CrmExtensions.Connectors.Dataverse.Auth;

/// <summary>Supplies bearer tokens for the Dataverse Web API.</summary>
internal interface ITokenProvider
{
    /// <summary>Returns a valid access token; <paramref name="refresh"/> discards the cached one first (after a 401).</summary>
    Task<string> GetTokenAsync(bool refresh, CancellationToken cancellationToken);
}
