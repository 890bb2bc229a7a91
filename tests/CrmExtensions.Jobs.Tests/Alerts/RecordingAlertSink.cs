using System.Collections.Concurrent;
using CrmExtensions.Jobs.Alerts;

namespace CrmExtensions.Jobs.Tests.Alerts;

/// <summary>Keeps what reached it: the end of a sink chain in tests (a channel we do not own).</summary>
internal sealed class RecordingAlertSink : IAlertSink
{
    public ConcurrentQueue<Alert> Raised { get; } = new();

    public ConcurrentQueue<AlertKey> Resolved { get; } = new();

    public IEnumerable<Alert> OfKind(string kind) => Raised.Where(a => a.Kind == kind);

    public Task RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        Raised.Enqueue(alert);
        return Task.CompletedTask;
    }

    public Task ResolveAsync(AlertKey key, CancellationToken cancellationToken = default)
    {
        Resolved.Enqueue(key);
        return Task.CompletedTask;
    }
}
