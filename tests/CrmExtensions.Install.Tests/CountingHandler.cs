using System.Collections.Concurrent;

namespace CrmExtensions.Install.Tests;

/// <summary>Counts what goes over the wire, independently of the installer's own report.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
{
    public ConcurrentQueue<string> Requests { get; } = new();

    public int Writes => Requests.Count(r => !r.StartsWith("GET ", StringComparison.Ordinal));

    public void Reset() => Requests.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery}");
        return base.SendAsync(request, cancellationToken);
    }
}
