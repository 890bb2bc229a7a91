using System.Text.Json;

namespace CrmExtensions.Cli.Bench;

/// <summary>API calls the sandbox counted, by kind: data pages, write calls, metadata, tokens, Bulk job polls and the rest.</summary>
internal sealed record ApiCallCounts(long DataPages, long Writes, long Metadata, long Tokens, long Other, long BulkPolls = 0)
{
    /// <summary>Every call.</summary>
    public long Total => DataPages + Writes + Metadata + Tokens + Other + BulkPolls;

    public static ApiCallCounts operator -(ApiCallCounts after, ApiCallCounts before) => new(
        after.DataPages - before.DataPages, after.Writes - before.Writes, after.Metadata - before.Metadata,
        after.Tokens - before.Tokens, after.Other - before.Other, after.BulkPolls - before.BulkPolls);

    /// <summary>Reads <c>/_sandbox/stats</c> for one org, sorting its call labels with <paramref name="kinds"/> (token requests are under the sandbox's <c>_tokens</c> key).</summary>
    public static async Task<ApiCallCounts> ReadAsync(HttpClient http, Uri baseUrl, string org, CallKinds kinds, CancellationToken cancellationToken)
    {
        var (calls, tokenCalls) = await LabelsAsync(http, baseUrl, org, cancellationToken);
        long data = 0, writes = 0, metadata = 0, other = 0, polls = 0;
        foreach (var (label, n) in calls)
        {
            switch (kinds.Of(label))
            {
                case CallKind.DataPage: data += n; break;
                case CallKind.Write: writes += n; break;
                case CallKind.Metadata: metadata += n; break;
                case CallKind.BulkPoll: polls += n; break;
                default: other += n; break;
            }
        }

        return new ApiCallCounts(data, writes, metadata, tokenCalls.Where(t => kinds.IsToken(t.Key)).Sum(t => t.Value), other, polls);
    }

    /// <summary>The org's calls by sandbox label, and the token requests by label.</summary>
    public static async Task<(Dictionary<string, long> Calls, Dictionary<string, long> Tokens)> LabelsAsync(
        HttpClient http, Uri baseUrl, string org, CancellationToken cancellationToken)
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseUrl, "_sandbox/stats"), cancellationToken));
        return (Calls(stats.RootElement, org), Calls(stats.RootElement, "_tokens"));
    }

    private static Dictionary<string, long> Calls(JsonElement root, string key) =>
        root.TryGetProperty(key, out var counters)
            ? counters.GetProperty("calls").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt64(), StringComparer.Ordinal)
            : new Dictionary<string, long>(StringComparer.Ordinal);
}
