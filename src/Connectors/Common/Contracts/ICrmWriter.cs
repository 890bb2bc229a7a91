using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>Writes our output fields into CRM records.</summary>
public interface ICrmWriter
{
    /// <summary>Writes the updates of one table; returns one outcome per update, in any order. Never throws for one bad record.</summary>
    Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default);
}
