namespace CrmExtensions.Jobs.Alerts;

/// <summary>Sends every alert and resolution to each sink in turn (the log, then the webhook).</summary>
public sealed class AlertFanOut(IReadOnlyList<IAlertSink> sinks) : IAlertSink, IDisposable
{
    /// <inheritdoc />
    public async Task RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        foreach (var sink in sinks)
        {
            await sink.RaiseAsync(alert, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task ResolveAsync(AlertKey key, CancellationToken cancellationToken = default)
    {
        foreach (var sink in sinks)
        {
            await sink.ResolveAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the sinks that own resources.</summary>
    public void Dispose()
    {
        foreach (var sink in sinks.OfType<IDisposable>())
        {
            sink.Dispose();
        }
    }
}
