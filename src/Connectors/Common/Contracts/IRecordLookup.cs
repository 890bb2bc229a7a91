using System.Text.Json;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>
/// Records an event named, without a sync: mapped from the row the event carried with the very mapping a read uses, or
/// read by id. A source that implements it lets the event worker score a record from its webhook image.
/// </summary>
public interface IRecordLookup
{
    /// <summary>
    /// Maps a row an event carried, given in the shape of the connector's read rows (Dataverse: a Web API row with
    /// annotations; Salesforce: a REST query row). Columns the row lacks, or carries without what a read would give
    /// (an option's label, a money column's currency or base amount), are left out of the record, so a caller can tell
    /// an incomplete row; null when the row cannot make a faithful record at all (no modification time).
    /// </summary>
    Task<CrmRecord?> MapCarriedAsync(string entity, string id, JsonElement row, CancellationToken cancellationToken = default);

    /// <summary>Reads the named records (a few API calls for many ids); an id not returned is not in the CRM (deleted, or not visible).</summary>
    Task<IReadOnlyList<CrmRecord>> ReadByIdsAsync(string entity, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);
}
