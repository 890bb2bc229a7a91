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

    /// <summary>
    /// Records a store may leave out: those whose field holds one of the given choice or text values (compared
    /// case-insensitively), e.g. the closed records a score run skips. A pre-filter only: a store may ignore it, so a
    /// reader still checks every record it gets.
    /// </summary>
    public RecordExclusion? Exclude { get; init; }

    /// <summary>Only these ids (normalised), e.g. the records a webhook named; null: no such filter. Read by key, not by a scan.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }

    /// <summary>
    /// The only fields the reader needs (compared case-insensitively), e.g. the parent, date and amount of related records
    /// a score run aggregates; null: every field. A store may return records holding only these fields, so such records
    /// are for reading only and are never written back to a store. A store may also ignore it and return whole records.
    /// </summary>
    public IReadOnlyCollection<string>? Fields { get; init; }

    /// <summary>
    /// Records a store may leave out: those whose lookup does not reference one of the given ids, e.g. the activities of
    /// other leads than the few a webhook named. A pre-filter only, like <see cref="Exclude"/>: a reader still checks
    /// every record it gets.
    /// </summary>
    public RecordLookupFilter? ReferencingAny { get; init; }
}
