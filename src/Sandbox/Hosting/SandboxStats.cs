using System.Collections.Concurrent;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Hosting;

/// <summary>Counters served at /_sandbox/stats: API calls per endpoint and org, records read/written, events sent.</summary>
internal sealed class SandboxStats
{
    private readonly ConcurrentDictionary<string, OrgCounters> _orgs = new(StringComparer.Ordinal);

    public void Call(string org, string endpoint) => For(org).Calls.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public void Records(string org, int read, int written)
    {
        var c = For(org);
        Interlocked.Add(ref c.RecordsRead, read);
        Interlocked.Add(ref c.RecordsWritten, written);
    }

    public void EventSent(string org) => Interlocked.Increment(ref For(org).EventsSent);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(
        _orgs.OrderBy(o => o.Key, StringComparer.Ordinal).ToDictionary(o => o.Key, o => new
        {
            calls = o.Value.Calls.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value),
            recordsRead = Interlocked.Read(ref o.Value.RecordsRead),
            recordsWritten = Interlocked.Read(ref o.Value.RecordsWritten),
            eventsSent = Interlocked.Read(ref o.Value.EventsSent),
        }));

    private OrgCounters For(string org) => _orgs.GetOrAdd(org, _ => new OrgCounters());

    private sealed class OrgCounters
    {
        public ConcurrentDictionary<string, long> Calls { get; } = new(StringComparer.Ordinal);

#pragma warning disable CA1051 // Fields so Interlocked can update them in place.
        public long RecordsRead;
        public long RecordsWritten;
        public long EventsSent;
#pragma warning restore CA1051
    }
}
