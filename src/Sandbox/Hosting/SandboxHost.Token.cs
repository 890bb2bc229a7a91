using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CrmExtensions.Sandbox.Hosting;

internal sealed partial class SandboxHost
{
    /// <summary>
    /// <c>POST /{tenant}/oauth2/v2.0/token</c>, client credentials with scope <c>{environment-url}/.default</c>
    /// (dataverse.md §5). Errors use the OAuth 2.0 error shape (RFC 6749 §5.2).
    /// </summary>
    private async Task TokenAsync(HttpContext http, string tenant)
    {
        if (!http.Request.HasFormContentType)
        {
            await OAuthErrorAsync(http, 400, "invalid_request", "The request body must be application/x-www-form-urlencoded.").ConfigureAwait(false);
            return;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        if (!Guid.TryParse(tenant, out var tenantId) || tenantId != _tenant)
        {
            await OAuthErrorAsync(http, 400, "invalid_request", $"Tenant '{tenant}' not found.").ConfigureAwait(false);
        }
        else if (form["grant_type"] != "client_credentials")
        {
            await OAuthErrorAsync(http, 400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.").ConfigureAwait(false);
        }
        else if (form["client_id"] != ClientId)
        {
            await OAuthErrorAsync(http, 400, "unauthorized_client", $"AADSTS700016: Application with identifier '{form["client_id"]}' was not found in the directory.").ConfigureAwait(false);
        }
        else if (ClientAuthenticationError(form, tenant) is { } clientError)
        {
            await OAuthErrorAsync(http, 401, "invalid_client", clientError).ConfigureAwait(false);
        }
        else if (OrgForScope(form["scope"].ToString()) is not { } orgKey)
        {
            await OAuthErrorAsync(http, 400, "invalid_scope", $"The scope '{form["scope"]}' is not '<environment-url>/.default' of a hosted org.").ConfigureAwait(false);
        }
        else
        {
            var (token, expiresIn) = _tokens.Issue(orgKey);
            http.Response.Headers.CacheControl = "no-store";
            await JsonAsync(http, 200, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer", ["expires_in"] = expiresIn, ["ext_expires_in"] = expiresIn, ["access_token"] = token,
            })).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Null when the client proved who it is: by <c>client_secret</c>, or by a certificate-signed <c>client_assertion</c> of
    /// type <c>urn:ietf:params:oauth:client-assertion-type:jwt-bearer</c> (dataverse.md §5; Entra "certificate credentials").
    /// </summary>
    private string? ClientAuthenticationError(IFormCollection form, string tenant)
    {
        if (form.ContainsKey("client_assertion"))
        {
            return form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                ? "AADSTS50027: client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer."
                : _assertions.Validate(form["client_assertion"].ToString(), ClientId, $"{BaseUrl}/{tenant}/oauth2/v2.0/token");
        }

        return form["client_secret"] == ClientSecret ? null : "AADSTS7000215: Invalid client secret provided.";
    }

    private string? OrgForScope(string scope)
    {
        const string suffix = "/.default";
        if (!scope.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var resource = scope[..^suffix.Length].TrimEnd('/');
        return _orgs.Values.FirstOrDefault(o => string.Equals(OrgUrl(o), resource, StringComparison.OrdinalIgnoreCase))?.Identity.Key;
    }

    private static Task OAuthErrorAsync(HttpContext http, int status, string error, string description) =>
        JsonAsync(http, status, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }));
}
