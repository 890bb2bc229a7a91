using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs.Alerts;

/// <summary>
/// One alert per incident: an alert whose key (kind, org, subject) was sent less than <c>window</c> ago is held back
/// and counted; after the window it goes out again with the count, and after <see cref="ResolveAsync"/> the next one
/// goes out at once. Resolutions of keys that never alerted are not forwarded, so routine successes stay quiet.
/// The incidents live in <paramref name="incidents"/>: the store's table, so that every process of an installation
/// (the host, scheduled <c>crmx</c> commands) shares them, or this process's memory.
/// </summary>
public sealed class DeduplicatingAlertSink(IAlertSink inner, TimeProvider time, TimeSpan window, IAlertIncidentStore incidents) : IAlertSink, IDisposable
{
    /// <summary>The bound of the in-memory incidents.</summary>
    internal const int MaxTracked = InMemoryAlertIncidents.MaxTracked;

    /// <summary>Deduplicates within this process only.</summary>
    public DeduplicatingAlertSink(IAlertSink inner, TimeProvider time, TimeSpan window)
        : this(inner, time, window, new InMemoryAlertIncidents())
    {
    }

    /// <inheritdoc />
    public async Task RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var suppressed = await incidents.ClaimAsync(alert.Kind, alert.Org, alert.Subject, time.GetUtcNow(), window, cancellationToken).ConfigureAwait(false);
        if (suppressed is not { } held)
        {
            return;
        }

        var sent = held == 0 ? alert : alert with { Message = $"{alert.Message} (still happening: {held} repeats held back since the last alert)" };
        await inner.RaiseAsync(sent, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ResolveAsync(AlertKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (await incidents.CloseAsync(key.Kind, key.Org, key.Subject, cancellationToken).ConfigureAwait(false))
        {
            await inner.ResolveAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the inner sink when it owns resources (the webhook sink's HTTP client).</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();
}
