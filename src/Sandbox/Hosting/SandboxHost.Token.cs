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
        else if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            await OAuthErrorAsync(http, 401, "invalid_client", "Invalid client id or secret.").ConfigureAwait(false);
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
