using System.Collections.Concurrent;

namespace CrmExtensions.Sandbox.Salesforce;

/// <summary>
/// Per-org API usage: the daily request count (rolling 24 h, reset when a day has passed since the first call) and
/// in-flight requests for the concurrent long-running limit (salesforce.md §5).
/// </summary>
internal sealed class SalesforceUsage(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _nextRequest;
    private int _used;
    private DateTimeOffset _windowStart = time.GetUtcNow();

    public int Used
    {
        get
        {
            lock (_gate)
            {
                Roll();
                return _used;
            }
        }
    }

    /// <summary>Counts a call unless the budget is spent; returns false when it is (→ 403 REQUEST_LIMIT_EXCEEDED).</summary>
    public bool TryCount(int max)
    {
        lock (_gate)
        {
            Roll();
            if (_used >= max)
            {
                return false;
            }

            _used++;
            return true;
        }
    }

    /// <summary>Number of in-flight requests that have run at least <paramref name="threshold"/>.</summary>
    public int LongRunning(TimeSpan threshold)
    {
        var now = time.GetTimestamp();
        return _inFlight.Values.Count(start => time.GetElapsedTime(start, now) >= threshold);
    }

    public string Enter()
    {
        var key = Interlocked.Increment(ref _nextRequest).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _inFlight[key] = time.GetTimestamp();
        return key;
    }

    public void Exit(string key) => _inFlight.TryRemove(key, out _);

    private void Roll()
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= TimeSpan.FromDays(1))
        {
            _windowStart = now;
            _used = 0;
        }
    }
}
