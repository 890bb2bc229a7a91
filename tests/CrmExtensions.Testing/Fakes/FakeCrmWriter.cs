using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Testing.Fakes;

/// <summary>Writes into a <see cref="FakeCrm"/>, one call per non-empty batch.</summary>
public sealed class FakeCrmWriter(FakeCrm crm) : ICrmWriter
{
    public Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<WriteOutcome>>([]);
        }

        crm.WriteCalls++;
        var outcomes = new List<WriteOutcome>();
        foreach (var update in updates)
        {
            if (crm.Get(update.RecordId) is null)
            {
                outcomes.Add(new WriteOutcome(update.RecordId, WriteStatus.SkippedRecordGone, "the record does not exist"));
                continue;
            }

            foreach (var (field, value) in update.Fields)
            {
                crm.Update(update.RecordId, field, value);
            }

            outcomes.Add(new WriteOutcome(update.RecordId, WriteStatus.Written));
        }

        return Task.FromResult<IReadOnlyList<WriteOutcome>>(outcomes);
    }
}
