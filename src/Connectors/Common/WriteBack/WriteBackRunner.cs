using System.Diagnostics;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Connectors.Common.WriteBack;

/// <summary>
/// Writes the stored outputs of one table to the CRM: all fields of a record in one update, only records with a
/// material change, nothing for records deleted in the CRM, and never over a person's value in a field a person may
/// also edit. What was written is recorded, so a second run with nothing new makes no write calls.
/// </summary>
public sealed class WriteBackRunner(IOutputStore outputs, IRecordStore records, OutputCatalogue catalogue, WriteBackOptions options, TimeProvider time)
{
    /// <summary>Plans and writes one table's outputs through <paramref name="writer"/>.</summary>
    public Task<WriteBackResult> RunAsync(OrgId org, CrmKind crm, string table, ICrmWriter writer, CancellationToken cancellationToken = default) =>
        RunAsync(org, crm, table, writer, null, cancellationToken);

    /// <summary>
    /// Like the other overload, but only over the outputs of <paramref name="recordIds"/> when given (the records a
    /// webhook rescored), read by key instead of reading the table's outputs.
    /// </summary>
    public async Task<WriteBackResult> RunAsync(OrgId org, CrmKind crm, string table, ICrmWriter writer, IReadOnlyCollection<string>? recordIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var clock = Stopwatch.StartNew();
        var counts = new Dictionary<WriteStatus, long>();
        var fields = catalogue.ForTable(crm, table).ToDictionary(f => f.NameIn(crm), StringComparer.OrdinalIgnoreCase);
        var pending = new List<(RecordUpdate Update, IReadOnlyList<OutputState> States)>();
        var calls = 0;
        var perCall = Math.Max(options.BatchSize, writer.PreferredUpdatesPerCall);

        var states = recordIds is null ? outputs.ReadAsync(org, table, cancellationToken) : outputs.ReadAsync(org, table, recordIds, cancellationToken);
        await foreach (var record in ByRecord(states, cancellationToken))
        {
            var (status, update) = await PlanAsync(org, table, record, fields, cancellationToken);
            if (update is null)
            {
                Count(counts, status);
                continue;
            }

            pending.Add((update, record));
            if (pending.Count >= perCall)
            {
                calls++;
                await FlushAsync(org, table, writer, pending, counts, cancellationToken);
            }
        }

        if (pending.Count > 0)
        {
            calls++;
            await FlushAsync(org, table, writer, pending, counts, cancellationToken);
        }

        return new WriteBackResult(table, counts, calls, clock.Elapsed);
    }

    private async Task<(WriteStatus Status, RecordUpdate? Update)> PlanAsync(
        OrgId org, string table, IReadOnlyList<OutputState> states, Dictionary<string, OutputField> fields, CancellationToken cancellationToken)
    {
        var recordId = states[0].RecordId;
        var changed = states.Where(s => s.WrittenAt is null ? s.Value is not null : !Equals(s.WrittenValue, s.Value)).ToList();
        if (changed.Count == 0)
        {
            return (WriteStatus.SkippedUnchanged, null);
        }

        var material = changed.Any(s => fields.TryGetValue(s.Field, out var field)
            ? MaterialChange.Drives(field.Slot) && (s.WrittenAt is null || MaterialChange.IsMaterial(field.Slot, s.WrittenValue, s.Value, options))
            : true);
        if (!material)
        {
            return (WriteStatus.SkippedImmaterial, null);
        }

        var synced = await records.GetAsync(org, table, recordId, cancellationToken);
        if (synced is { Deleted: true })
        {
            return (WriteStatus.SkippedRecordGone, null);
        }

        var values = new Dictionary<string, FieldValue?>(StringComparer.OrdinalIgnoreCase);
        foreach (var state in states)
        {
            // A person's value wins: write a person-editable field only when it is empty in the CRM or still holds
            // what we wrote last.
            if (fields.TryGetValue(state.Field, out var field) && field.PersonEditable && synced is not null
                && synced[state.Field] is { } inCrm && !Equals(inCrm, state.WrittenValue))
            {
                continue;
            }

            values[state.Field] = state.Value;
        }

        return (WriteStatus.Written, new RecordUpdate(table, recordId, values));
    }

    private async Task FlushAsync(
        OrgId org, string table, ICrmWriter writer, List<(RecordUpdate Update, IReadOnlyList<OutputState> States)> pending,
        Dictionary<WriteStatus, long> counts, CancellationToken cancellationToken)
    {
        var outcomes = await writer.WriteAsync(table, [.. pending.Select(p => p.Update)], cancellationToken);
        var byId = outcomes.ToDictionary(o => RecordId.Normalise(o.RecordId), StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var written = new List<WrittenValue>();
        foreach (var (update, _) in pending)
        {
            var status = byId.TryGetValue(update.RecordId, out var outcome) ? outcome.Status : WriteStatus.Failed;
            Count(counts, status);
            if (status == WriteStatus.Written)
            {
                written.AddRange(update.Fields.Select(f => new WrittenValue(table, update.RecordId, f.Key, f.Value, now)));
            }
        }

        await outputs.MarkWrittenAsync(org, written, cancellationToken);
        pending.Clear();
    }

    private static void Count(Dictionary<WriteStatus, long> counts, WriteStatus status) =>
        counts[status] = counts.GetValueOrDefault(status) + 1;

    // Output states arrive ordered by record id, then field: group them per record without holding the table.
    private static async IAsyncEnumerable<IReadOnlyList<OutputState>> ByRecord(
        IAsyncEnumerable<OutputState> states, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var group = new List<OutputState>();
        await foreach (var state in states.WithCancellation(cancellationToken))
        {
            if (group.Count > 0 && !string.Equals(group[0].RecordId, state.RecordId, StringComparison.Ordinal))
            {
                yield return group;
                group = [];
            }

            group.Add(state);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }
}
