using System.Globalization;

namespace CrmExtensions.Sandbox.Hosting;

/// <summary>
/// Service-protection limits per user and org over a sliding window (dataverse.md §4): request count, combined
/// execution time and concurrency, answered with 429, Retry-After and the documented error codes.
/// </summary>
internal sealed class ServiceProtection(ServiceProtectionLimits limits, TimeProvider time)
{
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Admits a request or returns the 429 (code, message, retry-after seconds).</summary>
    public (string Code, string Message, int RetryAfter)? TryEnter(string caller)
    {
        lock (_gate)
        {
            var window = Get(caller);
            var now = time.GetUtcNow();
            window.Trim(now - limits.Window);
            if (window.Concurrent >= limits.MaxConcurrentRequests)
            {
                // Concurrency errors are immediate (dataverse.md §4).
                return ("0x80072326", $"Number of concurrent requests exceeded the limit of {limits.MaxConcurrentRequests}.", 1);
            }

            if (window.Requests.Count >= limits.MaxRequests)
            {
                return ("0x80072322", $"Number of requests exceeded the limit of {limits.MaxRequests} over time window of {(int)limits.Window.TotalSeconds} seconds.", RetryAfter(window.Requests.Peek(), now));
            }

            if (window.ExecutionMilliseconds >= limits.MaxExecutionMilliseconds)
            {
                return ("0x80072321",
                    $"Combined execution time of incoming requests exceeded limit of {limits.MaxExecutionMilliseconds.ToString("N0", CultureInfo.InvariantCulture)}  milliseconds over time window of {(int)limits.Window.TotalSeconds} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.",
                    RetryAfter(window.Executions.Peek().At, now));
            }

            window.Requests.Enqueue(now);
            window.Concurrent++;
            return null;
        }
    }

    /// <summary>What is left of the caller's window, for the x-ms-ratelimit-* debug headers (dataverse.md §4).</summary>
    public (int Requests, long Milliseconds) Remaining(string caller)
    {
        lock (_gate)
        {
            var window = Get(caller);
            return (Math.Max(0, limits.MaxRequests - window.Requests.Count), Math.Max(0, limits.MaxExecutionMilliseconds - window.ExecutionMilliseconds));
        }
    }

    public void Exit(string caller, TimeSpan elapsed)
    {
        lock (_gate)
        {
            var window = Get(caller);
            window.Concurrent--;
            window.Executions.Enqueue((time.GetUtcNow(), (long)elapsed.TotalMilliseconds));
            window.ExecutionMilliseconds += (long)elapsed.TotalMilliseconds;
        }
    }

    private int RetryAfter(DateTimeOffset oldest, DateTimeOffset now) =>
        Math.Max(1, (int)Math.Ceiling((oldest + limits.Window - now).TotalSeconds));

    private Window Get(string caller)
    {
        if (!_windows.TryGetValue(caller, out var window))
        {
            window = new Window();
            _windows[caller] = window;
        }

        return window;
    }

    private sealed class Window
    {
        public Queue<DateTimeOffset> Requests { get; } = new();

        public Queue<(DateTimeOffset At, long Milliseconds)> Executions { get; } = new();

        public long ExecutionMilliseconds { get; set; }

        public int Concurrent { get; set; }

        public void Trim(DateTimeOffset from)
        {
            while (Requests.Count > 0 && Requests.Peek() <= from)
            {
                Requests.Dequeue();
            }

            while (Executions.Count > 0 && Executions.Peek().At <= from)
            {
                ExecutionMilliseconds -= Executions.Dequeue().Milliseconds;
            }
        }
    }
}
