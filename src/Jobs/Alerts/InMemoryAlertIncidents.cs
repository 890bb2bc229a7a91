using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs.Alerts;

/// <summary>Open incidents in this process only (tests, and commands with no store); bounded in memory.</summary>
public sealed class InMemoryAlertIncidents : IAlertIncidentStore
{
    // Unknown-org alerts are keyed by what a sender claims: bound the memory a flood of made-up org ids can take.
    internal const int MaxTracked = 10_000;

    private readonly Dictionary<(string Kind, string Org, string Subject), Incident> _open = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<int?> ClaimAsync(string kind, string org, string subject, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (kind, org, subject);
            if (_open.TryGetValue(key, out var incident) && now - incident.LastSent < window)
            {
                incident.Suppressed++;
                return Task.FromResult<int?>(null);
            }

            if (incident is null && _open.Count >= MaxTracked)
            {
                Prune(now, window);
            }

            _open[key] = new Incident { LastSent = now };
            return Task.FromResult<int?>(incident?.Suppressed ?? 0);
        }
    }

    /// <inheritdoc />
    public Task<bool> CloseAsync(string kind, string org, string subject, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_open.Remove((kind, org, subject)));
        }
    }

    private void Prune(DateTimeOffset now, TimeSpan window)
    {
        foreach (var stale in _open.Where(a => now - a.Value.LastSent >= window).Select(a => a.Key).ToList())
        {
            _open.Remove(stale);
        }

        if (_open.Count >= MaxTracked)
        {
            // Every tracked incident is recent: forget the oldest so a new incident still alerts.
            _open.Remove(_open.MinBy(a => a.Value.LastSent).Key);
        }
    }

    private sealed class Incident
    {
        public DateTimeOffset LastSent { get; init; }

        public int Suppressed { get; set; }
    }
}
