using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>Which stored records to stream, in record-id order.</summary>
/// <param name="Org">The organisation; never optional.</param>
/// <param name="Entity">The entity.</param>
public sealed record RecordQuery(OrgId Org, string Entity)
{
    /// <summary>Include tombstones.</summary>
    public bool IncludeDeleted { get; init; }

    /// <summary>Only records written after this change sequence number (0: all).</summary>
    public long AfterVersion { get; init; }

    /// <summary>Only ids ≥ this (inclusive), for shards by id range.</summary>
    public string? FromId { get; init; }

    /// <summary>Only ids &lt; this (exclusive), for shards by id range.</summary>
    public string? ToId { get; init; }
}
