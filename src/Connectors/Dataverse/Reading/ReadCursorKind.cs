namespace CrmExtensions.Connectors.Dataverse.Reading;

/// <summary>What a saved cursor points at.</summary>
internal enum ReadCursorKind
{
    /// <summary>A change-tracking delta link.</summary>
    Delta,

    /// <summary>The next page of a full (snapshot) read.</summary>
    NextFull,

    /// <summary>The next page of a delta read.</summary>
    NextDelta,

    /// <summary>The last (modifiedon, id) read from a table without change tracking.</summary>
    Modified,
}
