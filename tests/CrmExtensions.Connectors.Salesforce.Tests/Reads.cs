using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>Reads an entity to the end.</summary>
internal static class Reads
{
    public static async Task<(List<RecordBatch> Batches, string? Cursor)> AllAsync(ICrmSource source, string entity, string? cursor)
    {
        var batches = new List<RecordBatch>();
        var last = cursor;
        await foreach (var batch in source.ReadAsync(entity, cursor))
        {
            batches.Add(batch);
            last = batch.Cursor;
        }

        return (batches, last);
    }

    public static IEnumerable<CrmRecord> Records(IEnumerable<RecordBatch> batches) => batches.SelectMany(b => b.Records);
}
