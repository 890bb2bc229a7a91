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
        // Like the Dataverse connector: an expired cursor means read everything again from the start, and a cursor saved
        // inside a full read ("full:N") resumes that full read rather than starting a new one.
        var resumingFull = cursor is not null && cursor.StartsWith("full:", StringComparison.Ordinal) && !crm.ExpireCursors;
        var fromStart = cursor is null || crm.ExpireCursors;
        var full = fromStart || resumingFull;
        var after = fromStart ? 0 : long.Parse(resumingFull ? cursor![5..] : cursor!, CultureInfo.InvariantCulture);
        var changes = crm.ChangesAfter(after).ToList();
        if (full)
        {
            // A full read has only live records, like a first page of a delta query.
            changes = [.. changes.Where(c => !c.Record.Deleted)];
        }

        var chunks = changes.Chunk(crm.PageSize).ToList();
        var pages = 0;
        foreach (var page in chunks)
        {
            if (crm.FailAfterPages is { } limit && pages >= limit)
            {
                throw new IOException("connection reset by the fake CRM");
            }

            await Task.Yield();
            crm.ReadCalls++;
            pages++;
            var sequence = page[^1].Sequence.ToString(CultureInfo.InvariantCulture);
            yield return new RecordBatch([.. page.Select(c => c.Record)], full && pages < chunks.Count ? $"full:{sequence}" : sequence)
            {
                FullRead = full,
                FullReadStart = fromStart && pages == 1,
            };
        }

        if (pages == 0 && full)
        {
            yield return new RecordBatch([], crm.Sequence.ToString(CultureInfo.InvariantCulture)) { FullRead = true, FullReadStart = fromStart };
        }
    }
}
