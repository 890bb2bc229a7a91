using System.Globalization;
using System.Runtime.CompilerServices;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Testing.Fakes;

/// <summary>Reads a <see cref="FakeCrm"/> in pages; the cursor is the CRM's change sequence number.</summary>
public sealed class FakeCrmSource(FakeCrm crm) : ICrmSource
{
    public Task<CheckResult> CheckAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new CheckResult(crm.Org, []));

    public Task<IReadOnlyList<EntitySchema>> DiscoverAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EntitySchema>>(
            [new EntitySchema(crm.Entity, [new FieldSchema("name", FieldType.Text, false), new FieldSchema("revenue", FieldType.Number, false)], ChangeTracking: true)]);

    public async IAsyncEnumerable<RecordBatch> ReadAsync(string entity, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // An expired cursor is treated as the Dataverse connector treats one: read everything again from the start.
        var full = cursor is null || crm.ExpireCursors;
        var after = full ? 0 : long.Parse(cursor!, CultureInfo.InvariantCulture);
        var changes = crm.ChangesAfter(after).ToList();
        if (full)
        {
            // A full read has only live records, like a first page of a delta query.
            changes = [.. changes.Where(c => !c.Record.Deleted)];
        }

        var pages = 0;
        foreach (var page in changes.Chunk(crm.PageSize))
        {
            if (crm.FailAfterPages is { } limit && pages >= limit)
            {
                throw new IOException("connection reset by the fake CRM");
            }

            await Task.Yield();
            crm.ReadCalls++;
            pages++;
            yield return new RecordBatch([.. page.Select(c => c.Record)], page[^1].Sequence.ToString(CultureInfo.InvariantCulture))
            {
                FullRead = full,
                FullReadStart = full && pages == 1,
            };
        }

        if (pages == 0 && full)
        {
            yield return new RecordBatch([], crm.Sequence.ToString(CultureInfo.InvariantCulture)) { FullRead = true, FullReadStart = true };
        }
    }
}
