using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>Writes our output fields into CRM records.</summary>
public interface ICrmWriter
{
    /// <summary>Writes the updates of one table; returns one outcome per update, in any order. Never throws for one bad record.</summary>
    Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many updates this writer wants in one <see cref="WriteAsync"/> call when it has more than the caller's
    /// batch (for example a Salesforce Bulk job, which only pays off when it sees every update of the run);
    /// 0 leaves the size to the caller.
    /// </summary>
    int PreferredUpdatesPerCall => 0;
}
