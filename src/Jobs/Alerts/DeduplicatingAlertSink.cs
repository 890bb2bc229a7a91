namespace CrmExtensions.Jobs.Alerts;

/// <summary>
/// One alert per incident: an alert whose key (kind, org, subject) was sent less than <c>window</c> ago is held back
/// and counted; after the window it goes out again with the count, and after <see cref="ResolveAsync"/> the next one
/// goes out at once. Resolutions of keys that never alerted are not forwarded, so routine successes stay quiet.
/// </summary>
public sealed class DeduplicatingAlertSink(IAlertSink inner, TimeProvider time, TimeSpan window) : IAlertSink, IDisposable
{
    // Unknown-org alerts are keyed by what a sender claims: bound the memory a flood of made-up org ids can take.
    internal const int MaxTracked = 10_000;

    private readonly Dictionary<AlertKey, Incident> _active = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var now = time.GetUtcNow();
        int suppressed;
        lock (_gate)
        {
            if (_active.TryGetValue(alert.Key, out var incident) && now - incident.LastSent < window)
            {
                incident.Suppressed++;
                return Task.CompletedTask;
            }

            suppressed = incident?.Suppressed ?? 0;
            if (_active.Count >= MaxTracked)
            {
                Prune(now);
            }

            _active[alert.Key] = new Incident { LastSent = now };
        }

        var sent = suppressed == 0 ? alert : alert with { Message = $"{alert.Message} (still happening: {suppressed} repeats held back since the last alert)" };
        return inner.RaiseAsync(sent, cancellationToken);
    }

    /// <inheritdoc />
    public Task ResolveAsync(AlertKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_active.Remove(key))
            {
                return Task.CompletedTask;
            }
        }

        return inner.ResolveAsync(key, cancellationToken);
    }

    /// <summary>Disposes the inner sink when it owns resources (the webhook sink's HTTP client).</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();

    private void Prune(DateTimeOffset now)
    {
        foreach (var stale in _active.Where(a => now - a.Value.LastSent >= window).Select(a => a.Key).ToList())
        {
            _active.Remove(stale);
        }

        if (_active.Count >= MaxTracked)
        {
            // Every tracked incident is recent: forget the oldest so a new incident still alerts.
            _active.Remove(_active.MinBy(a => a.Value.LastSent).Key);
        }
    }

    private sealed class Incident
    {
        public DateTimeOffset LastSent { get; init; }

        public int Suppressed { get; set; }
    }
}
