using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace CrmExtensions.Connectors.Dataverse.Auth;

/// <summary>
/// OAuth 2.0 client-credentials tokens from Entra ID (dataverse.md §5: <c>POST {authority}/oauth2/v2.0/token</c> with
/// <c>scope={environment}/.default</c>), cached and refreshed five minutes before they expire. Used only for a plain-http
/// loopback authority (the sandbox without TLS): MSAL refuses non-https authorities ("'authority' should use the 'https'
/// scheme"); every https authority goes through <see cref="MsalTokenProvider"/>.
/// </summary>
internal sealed class ClientCredentialsTokenProvider(HttpClient http, DataverseOptions options, TimeProvider time) : ITokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string> GetTokenAsync(bool refresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (refresh)
            {
                _token = null;
            }

            if (_token is null || time.GetUtcNow() >= _expiresAt - RefreshMargin)
            {
                (_token, _expiresAt) = await RequestAsync(cancellationToken).ConfigureAwait(false);
            }

            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<(string Token, DateTimeOffset ExpiresAt)> RequestAsync(CancellationToken cancellationToken)
    {
        var endpoint = new Uri(new Uri(options.EffectiveAuthority.ToString().TrimEnd('/') + "/"), "oauth2/v2.0/token");
        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", options.ClientId!),
            new("client_secret", options.ClientSecret!),
            new("scope", options.EffectiveScope),
        ]);
        var started = time.GetUtcNow();
        using var response = await http.PostAsync(endpoint, form, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || body?.AccessToken is null)
        {
            // The OAuth error shape: {"error":"invalid_client","error_description":"…"}; the description never holds the secret.
            throw new DataverseException(FailureKind.Configuration, (int)response.StatusCode, body?.Error ?? string.Empty,
                $"The token request to {endpoint.GetLeftPart(UriPartial.Authority)} failed ({(int)response.StatusCode}): {body?.Error} {body?.ErrorDescription}".TrimEnd());
        }

        return (body.AccessToken, started.AddSeconds(body.ExpiresIn > 0 ? body.ExpiresIn : 3599));
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
