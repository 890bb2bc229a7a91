using System.Collections.Concurrent;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>The transport under the connector, recording each attempt's status and time (a third-party seam, so a hand-written spy).</summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public RecordingHandler()
        : this(new SocketsHttpHandler())
    {
    }

    public ConcurrentQueue<(DateTimeOffset At, string Method, string Path, int Status)> Attempts { get; } = new();

    /// <summary>Path and query of each attempt, in order.</summary>
    public ConcurrentQueue<string> Urls { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Attempts.Enqueue((DateTimeOffset.UtcNow, request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode));
        Urls.Enqueue(request.RequestUri.PathAndQuery);
        return response;
    }
}
