using Microsoft.Identity.Client;

namespace CrmExtensions.Connectors.Dataverse.Auth;

/// <summary>Gives MSAL one HttpClient over the connector's transport (proxies, test trust settings apply to tokens too).</summary>
internal sealed class MsalHttpClientFactory(HttpClient client) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => client;
}
