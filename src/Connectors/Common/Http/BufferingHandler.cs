namespace CrmExtensions.Connectors.Common.Http;

/// <summary>
/// Reads the whole response body inside the retry pipeline, so a connection reset half-way through a page surfaces
/// as a transient failure that is retried rather than as a broken JSON document after the retries are done.
/// </summary>
public sealed class BufferingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch (IOException error)
        {
            response.Dispose();
            throw new HttpRequestException($"The response of {request.Method} {request.RequestUri?.AbsolutePath} was cut off.", error);
        }
        catch (HttpRequestException)
        {
            response.Dispose();
            throw;
        }
    }
}
