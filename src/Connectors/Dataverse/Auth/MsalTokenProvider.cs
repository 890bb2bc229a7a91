using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;

namespace CrmExtensions.Connectors.Dataverse.Auth;

/// <summary>
/// Client-credentials tokens from Entra ID through MSAL (dataverse.md §5): a confidential client with a secret or a
/// certificate (MSAL signs the client assertion), scope <c>{environment}/.default</c>. MSAL caches the token in memory and
/// treats it as expired five minutes before it is, so a token is renewed before it runs out; <c>refresh</c> (after a
/// 401) bypasses the cache once.
/// </summary>
internal sealed class MsalTokenProvider : ITokenProvider
{
    // The login hosts of the Microsoft clouds MSAL's instance discovery knows (public, US Gov, China, Germany legacy).
    private static readonly string[] KnownHosts =
        ["login.microsoftonline.com", "login.microsoft.com", "login.windows.net", "sts.windows.net", "login.microsoftonline.us", "login.partner.microsoftonline.cn", "login.chinacloudapi.cn", "login.microsoftonline.de"];

    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;

    public MsalTokenProvider(DataverseOptions options, HttpClient http, X509Certificate2? certificate)
    {
        var authority = options.EffectiveAuthority.ToString();
        var validate = options.ValidateAuthority ?? KnownHosts.Contains(options.EffectiveAuthority.Host, StringComparer.OrdinalIgnoreCase);
        var builder = ConfidentialClientApplicationBuilder.Create(options.ClientId)
            .WithAuthority(authority, validate)
            // Instance discovery asks login.microsoftonline.com about the authority's host; for any other host (Azure Stack,
            // the sandbox) it would fail, so it is off exactly when validation is.
            .WithInstanceDiscovery(validate)
            .WithHttpClientFactory(new MsalHttpClientFactory(http));
        builder = certificate is not null
            ? builder.WithCertificate(certificate, sendX5C: false)
            : builder.WithClientSecret(options.ClientSecret);
        _app = builder.Build();
        _scopes = [options.EffectiveScope];
    }

    public async Task<string> GetTokenAsync(bool refresh, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _app.AcquireTokenForClient(_scopes).WithForceRefresh(refresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return result.AccessToken;
        }
        catch (MsalServiceException error)
        {
            // error.Message is the service's error description (AADSTS code and reason); it never holds the secret.
            throw new DataverseException(error.StatusCode is >= 500 or 429 ? FailureKind.Transient : FailureKind.Configuration,
                error.StatusCode, error.ErrorCode, $"The token request to {Host(_app.Authority)} failed ({error.StatusCode} {error.ErrorCode}): {FirstLine(error.Message)}");
        }
        catch (MsalClientException error)
        {
            throw new DataverseException(FailureKind.Configuration, 0, error.ErrorCode,
                $"The token request to {Host(_app.Authority)} could not be made ({error.ErrorCode}): {FirstLine(error.Message)}");
        }
    }

    private static string Host(string authority) => Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "the authority";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
