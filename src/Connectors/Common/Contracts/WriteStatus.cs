namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>The outcome of one record's write, with the skip taxonomy write-back reports.</summary>
public enum WriteStatus
{
    /// <summary>Written.</summary>
    Written,

    /// <summary>The CRM refused it; the reason holds the CRM's message (never field values).</summary>
    Failed,

    /// <summary>Not sent: identical to what was last written.</summary>
    SkippedUnchanged,

    /// <summary>Not sent: changed, but not materially (a score moved less than the threshold).</summary>
    SkippedImmaterial,

    /// <summary>Not sent or refused: the record no longer exists.</summary>
    SkippedRecordGone,

    /// <summary>Not sent or refused: the record is closed (converted lead, resolved case) and cannot be updated.</summary>
    SkippedClosed,

    /// <summary>Refused: our identity may not write this record or field.</summary>
    SkippedNoAccess,
}
