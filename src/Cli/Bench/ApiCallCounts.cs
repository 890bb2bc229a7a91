using System.Text.Json;

namespace CrmExtensions.Cli.Bench;

/// <summary>API calls the sandbox counted, by kind: data pages, write calls, metadata, tokens and the rest.</summary>
internal sealed record ApiCallCounts(long DataPages, long Writes, long Metadata, long Tokens, long Other)
{
    /// <summary>Every call.</summary>
    public long Total => DataPages + Writes + Metadata + Tokens + Other;

    public static ApiCallCounts operator -(ApiCallCounts after, ApiCallCounts before) => new(
        after.DataPages - before.DataPages, after.Writes - before.Writes, after.Metadata - before.Metadata,
        after.Tokens - before.Tokens, after.Other - before.Other);

    /// <summary>Reads <c>/_sandbox/stats</c> for one org (token requests are counted under the sandbox's <c>_tokens</c> key).</summary>
    public static async Task<ApiCallCounts> ReadAsync(HttpClient http, Uri baseUrl, string org, CancellationToken cancellationToken)
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUrl, "_sandbox/stats"), cancellationToken));
        long data = 0, writes = 0, metadata = 0, tokens = 0, other = 0;
        if (stats.RootElement.TryGetProperty("_tokens", out var tokenCounters))
        {
            tokens = tokenCounters.GetProperty("calls").EnumerateObject().Sum(c => c.Value.GetInt64());
        }

        if (stats.RootElement.TryGetProperty(org, out var counters))
        {
            foreach (var call in counters.GetProperty("calls").EnumerateObject())
            {
                var n = call.Value.GetInt64();
                var name = call.Name;
                if (name.StartsWith("POST $batch", StringComparison.Ordinal) || name.StartsWith("PATCH", StringComparison.Ordinal))
                {
                    writes += n;
                }
                else if (name.Contains("EntityDefinitions", StringComparison.Ordinal) || name.Contains("$metadata", StringComparison.Ordinal)
                    || name.Contains("RetrieveTotalRecordCount", StringComparison.Ordinal))
                {
                    metadata += n;
                }
                else if (name.StartsWith("GET ", StringComparison.Ordinal) && !name.Contains("WhoAmI", StringComparison.Ordinal))
                {
                    data += n;
                }
                else
                {
                    other += n;
                }
            }
        }

        return new ApiCallCounts(data, writes, metadata, tokens, other);
    }
}
