using System.Net;
using System.Net.Http.Headers;
using CrmExtensions.Connectors.Salesforce.Auth;

namespace CrmExtensions.Connectors.Salesforce.Http;

/// <summary>
/// Adds the bearer token and counts the call; on a 401 (INVALID_SESSION_ID, salesforce.md §1d) mints a new session —
/// neither flow has a refresh token, the grant is simply run again — and retries the request once.
/// </summary>
internal sealed class AuthenticationHandler(TokenProvider tokens, ApiUsage usage) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        usage.Call();
        var session = await tokens.GetAsync(false, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        session = await tokens.GetAsync(true, cancellationToken, session.AccessToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
