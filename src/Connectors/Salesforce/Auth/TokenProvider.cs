using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace CrmExtensions.Connectors.Salesforce.Auth;

/// <summary>
/// Mints sessions with the client-credentials flow (salesforce.md §1a) or the JWT bearer flow (§1b) and caches the
/// token and <c>instance_url</c>. Neither flow returns <c>expires_in</c> or a refresh token (§1a: the session ends after
/// inactivity), so a session is kept until a 401 asks for a new one (§1d).
/// </summary>
internal sealed class TokenProvider(HttpClient http, SalesforceOptions options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SalesforceSession? _session;

    /// <summary>Sessions minted so far (diagnostics and tests).</summary>
    public int Minted { get; private set; }

    /// <summary>Returns the cached session, or mints one; <paramref name="refresh"/> discards a session that got a 401.</summary>
    public async Task<SalesforceSession> GetAsync(bool refresh, CancellationToken cancellationToken, string? rejectedToken = null)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Two requests that both got a 401 re-mint once: the second sees a new token already.
            if (refresh && (rejectedToken is null || _session?.AccessToken == rejectedToken))
            {
                _session = null;
            }

            _session ??= await MintAsync(cancellationToken).ConfigureAwait(false);
            return _session;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<SalesforceSession> MintAsync(CancellationToken cancellationToken)
    {
        IEnumerable<KeyValuePair<string, string>> fields = options.UsesJwt
            ?
            [
                new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                new("assertion", JwtAssertion.Create(options, time.GetUtcNow())),
            ]
            :
            [
                new("grant_type", "client_credentials"),
                new("client_id", options.ClientId!),
                new("client_secret", options.ClientSecret!),
            ];
        using var form = new FormUrlEncodedContent(fields);
        var endpoint = options.TokenEndpoint;
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(endpoint, form, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SalesforceException(FailureKind.Transient, 0, string.Empty,
                $"The token request to {endpoint.GetLeftPart(UriPartial.Authority)} did not get an answer ({error.GetType().Name}); check {SalesforceOptions.Section}:LoginUrl.");
        }

        using (response)
        {
            TokenResponse? body = null;
            try
            {
                body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not the OAuth JSON (a proxy or login page): reported below by status.
            }

            if (!response.IsSuccessStatusCode || body?.AccessToken is null || !Uri.TryCreate(body.InstanceUrl, UriKind.Absolute, out var instance))
            {
                var status = (int)response.StatusCode;
                // salesforce.md §1c: {"error":"invalid_grant","error_description":"…"}; the description never holds the secret.
                throw new SalesforceException(status >= 500 ? FailureKind.Transient : FailureKind.Configuration, status, body?.Error ?? string.Empty,
                    $"The token request to {endpoint.GetLeftPart(UriPartial.Authority)} failed ({status}): {body?.Error} {body?.ErrorDescription}".TrimEnd()
                    + $" (check {SalesforceOptions.Section}:LoginUrl, ClientId and {(options.UsesJwt ? "JwtUsername/the key" : "ClientSecret")}).");
            }

            Minted++;
            return new SalesforceSession(body.AccessToken, instance, OrgIdOf(body.Id));
        }
    }

    /// <summary>salesforce.md §1a: the <c>id</c> URL is <c>https://…/id/&lt;orgId&gt;/&lt;userId&gt;</c>.</summary>
    private static string? OrgIdOf(string? identity)
    {
        if (identity is null)
        {
            return null;
        }

        var parts = identity.TrimEnd('/').Split('/');
        return parts.Length >= 3 && parts[^3] == "id" ? parts[^2] : null;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("instance_url")] string? InstanceUrl,
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
