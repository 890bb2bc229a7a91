namespace CrmExtensions.Sandbox;

/// <summary>
/// Shape of a delta response with no changes. The doc says "an empty JSON response"; the exact shape is UNVERIFIED
/// (dataverse.md §2), so both plausible forms can be selected.
/// </summary>
public enum EmptyDeltaShape
{
    /// <summary><c>value: []</c> with a new deltaLink (the notes' expectation).</summary>
    EmptyValueWithNewDeltaLink,

    /// <summary><c>value: []</c> with the same deltaLink that was requested.</summary>
    EmptyValueWithSameDeltaLink,
}
