using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// Counts what the in-process host did with webhooks and outbound messages, from its structured logs (the host's
/// public output, issue 10: logs with org and counts): events received, stored, duplicates and own changes ignored
/// at intake; records scored and written by the event worker. Per connection; values only, never a message text.
/// It replaces the host's console logging, so nothing the host logs reaches the demo's output.
/// </summary>
internal sealed class EventTally : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, Counters> _byConnection = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The counts of one connection so far.</summary>
    public DemoWebhooks For(string connection)
    {
        var c = _byConnection.GetOrAdd(connection, _ => new Counters());
        return new DemoWebhooks(
            Interlocked.Read(ref c.Received), Interlocked.Read(ref c.Stored), Interlocked.Read(ref c.Duplicates),
            Interlocked.Read(ref c.IgnoredAsEcho), Interlocked.Read(ref c.Scored), Interlocked.Read(ref c.Written), Interlocked.Read(ref c.Failed));
    }

    public ILogger CreateLogger(string categoryName) => new Tally(this);

    public void Dispose()
    {
    }

    private void Record(LogLevel level, IReadOnlyList<KeyValuePair<string, object?>> state)
    {
        long Value(string key) => state.FirstOrDefault(p => p.Key == key).Value is { } v && long.TryParse(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture), out var n) ? n : 0;
        bool Has(string key) => state.Any(p => p.Key == key);
        if (state.FirstOrDefault(p => p.Key == "Connection").Value is not string connection)
        {
            return;
        }

        var c = _byConnection.GetOrAdd(connection, _ => new Counters());
        if (level >= LogLevel.Error && Has("Events"))
        {
            // The event worker failed a table's events; they are retried after the lease.
            Interlocked.Add(ref c.Failed, Value("Events"));
        }
        else if (Has("Added") && Has("Ignored"))
        {
            // Intake: {Events} received, {Added} stored, {Duplicates} duplicates, {Ignored} own changes ignored.
            Interlocked.Add(ref c.Received, Value("Events"));
            Interlocked.Add(ref c.Stored, Value("Added"));
            Interlocked.Add(ref c.Duplicates, Value("Duplicates"));
            Interlocked.Add(ref c.IgnoredAsEcho, Value("Ignored"));
        }
        else if (Has("Scored") && Has("Written"))
        {
            // Event worker: records scored and written back for one table.
            Interlocked.Add(ref c.Scored, Value("Scored"));
            Interlocked.Add(ref c.Written, Value("Written"));
        }
    }

    private sealed class Tally(EventTally owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                owner.Record(logLevel, values);
            }
        }
    }

    private sealed class Counters
    {
#pragma warning disable CA1051 // Fields so Interlocked can update them in place.
        public long Received;
        public long Stored;
        public long Duplicates;
        public long IgnoredAsEcho;
        public long Scored;
        public long Written;
        public long Failed;
#pragma warning restore CA1051
    }
}
