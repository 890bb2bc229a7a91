using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>Reads a whole stream from a cursor, as the sync loop would.</summary>
internal static class Reads
{
    public static async Task<(List<RecordBatch> Batches, string? Cursor)> AllAsync(ICrmSource source, string entity, string? cursor)
    {
        var batches = new List<RecordBatch>();
        await foreach (var batch in source.ReadAsync(entity, cursor))
        {
            batches.Add(batch);
            cursor = batch.Cursor;
        }

        return (batches, cursor);
    }

    public static Dictionary<string, DateTimeOffset> Live(IEnumerable<RecordBatch> batches) =>
        batches.SelectMany(b => b.Records).Where(r => !r.Deleted).ToDictionary(r => r.Id, r => r.ModifiedOn, StringComparer.Ordinal);

    public static IEnumerable<CrmRecord> Records(IEnumerable<RecordBatch> batches) => batches.SelectMany(b => b.Records);
}
