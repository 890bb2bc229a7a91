namespace CrmExtensions.Connectors.Dataverse.Http;

/// <summary>Counts calls (outermost position) or attempts (innermost position) into <see cref="ApiUsage"/>.</summary>
internal sealed class UsageHandler(ApiUsage usage, bool attempts) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!attempts)
        {
            usage.Call();
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            usage.Attempt((int)response.StatusCode);
            return response;
        }
        catch (HttpRequestException)
        {
            usage.Attempt(0);
            throw;
        }
    }
}
