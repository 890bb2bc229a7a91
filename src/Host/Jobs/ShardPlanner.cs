using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Host.Jobs;

/// <summary>Splits an entity's stored record ids into contiguous ranges of about equal size.</summary>
internal static class ShardPlanner
{
    public static async Task<IReadOnlyList<ShardRange>> PlanAsync(IRecordStore records, OrgId org, string entity, int shards, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var stored in records.ReadAsync(new RecordQuery(org, entity), cancellationToken))
        {
            ids.Add(stored.Record.Id);
        }

        return Split(ids, shards);
    }

    /// <summary>Ranges over sorted ids: the first starts unbounded and the last ends unbounded, so records added meanwhile are covered.</summary>
    internal static IReadOnlyList<ShardRange> Split(IReadOnlyList<string> sortedIds, int shards)
    {
        var count = Math.Max(1, Math.Min(shards, sortedIds.Count));
        var bounds = Enumerable.Range(1, count - 1).Select(i => sortedIds[(int)((long)i * sortedIds.Count / count)]).Distinct(StringComparer.Ordinal).ToList();
        var ranges = new List<ShardRange>();
        string? from = null;
        foreach (var bound in bounds)
        {
            ranges.Add(new ShardRange(ranges.Count, from, bound));
            from = bound;
        }

        ranges.Add(new ShardRange(ranges.Count, from, null));
        return ranges;
    }
}
