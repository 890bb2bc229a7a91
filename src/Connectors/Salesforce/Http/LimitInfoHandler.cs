namespace CrmExtensions.Connectors.Salesforce.Http;

/// <summary>Innermost: counts every attempt and reads <c>Sforce-Limit-Info</c> from every response (salesforce.md §5).</summary>
internal sealed class LimitInfoHandler(ApiUsage usage) : DelegatingHandler
{
    public const string Header = "Sforce-Limit-Info";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        usage.Attempt();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues(Header, out var values))
        {
            usage.Budget.ReadHeader(values.FirstOrDefault());
        }

        return response;
    }
}
