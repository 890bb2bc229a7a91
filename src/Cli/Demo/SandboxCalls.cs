using System.Text.Json;

namespace CrmExtensions.Cli.Demo;

/// <summary>Reads the sandbox's own count of API calls (<c>/_sandbox/stats</c>), so the demo reports what the CRM saw.</summary>
internal sealed class SandboxCalls(HttpClient http, Uri baseUrl, string org, Func<string, bool> isWrite)
{
    /// <summary>Total calls and write calls (as <c>isWrite</c> tells them from the call labels) the org has received so far.</summary>
    public async Task<(long Total, long Writes)> ReadAsync(CancellationToken cancellationToken)
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUrl, "_sandbox/stats"), cancellationToken));
        if (!stats.RootElement.TryGetProperty(org, out var counters))
        {
            return (0, 0);
        }

        long total = 0, writes = 0;
        foreach (var call in counters.GetProperty("calls").EnumerateObject())
        {
            total += call.Value.GetInt64();
            if (isWrite(call.Name))
            {
                writes += call.Value.GetInt64();
            }
        }

        return (total, writes);
    }
}
