using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>A page of records and the cursor that follows it (save it only after the page is stored).</summary>
public sealed record RecordBatch(IReadOnlyList<CrmRecord> Records, string Cursor)
{
    /// <summary>True when this batch came from a full read that replaces everything stored (e.g. after a delta token expired).</summary>
    public bool FullRead { get; init; }

    /// <summary>
    /// True on the first batch of a full read that starts at the beginning of the data (not one resumed from a saved
    /// cursor). When such a read completes, stored records it did not deliver no longer exist in the CRM.
    /// </summary>
    public bool FullReadStart { get; init; }

    /// <summary>
    /// Ids that exist in the CRM, from an id-only page of a reconciliation read (then <see cref="Records"/> is empty and
    /// nothing is upserted). Part of a full read: with <see cref="FullReadStart"/> on its first page, stored records whose
    /// ids no reconciliation page named are tombstoned when the read completes.
    /// </summary>
    public IReadOnlyList<string>? LiveIds { get; init; }
}
