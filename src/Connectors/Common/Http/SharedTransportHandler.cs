namespace CrmExtensions.Connectors.Common.Http;

/// <summary>Forwards to a transport the caller owns, so disposing the connector leaves the caller's handler alone.</summary>
public sealed class SharedTransportHandler(HttpMessageHandler transport) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _invoker = new(transport, disposeHandler: false);

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker.Dispose();
        }

        base.Dispose(disposing);
    }
}
