namespace CrmExtensions.Sandbox;

/// <summary>
/// Behaviours the protocol notes mark UNVERIFIED; each plausible variant is selectable so a client must cope with all.
/// </summary>
public sealed record DataverseVariants
{
    /// <summary>Status of an expired/unknown delta token (dataverse.md §2).</summary>
    public DeltaTokenExpiredStatus ExpiredDeltaTokenStatus { get; init; } = DeltaTokenExpiredStatus.BadRequest;

    /// <summary>Shape of an empty delta (dataverse.md §2).</summary>
    public EmptyDeltaShape EmptyDelta { get; init; } = EmptyDeltaShape.EmptyValueWithNewDeltaLink;

    /// <summary>
    /// Whether a plain PATCH of incident statecode to Resolved is accepted. dataverse.md §8 says resolving requires the
    /// CloseIncident action (UNVERIFIED), so the default rejects it.
    /// </summary>
    public bool AllowResolveIncidentByPatch { get; init; }

    /// <summary>Reproduce the doc's delta context quirk (<c>…/data/v9.0/$metadata#…/$delta</c> without <c>/api</c>).</summary>
    public bool DeltaContextWithoutApiSegment { get; init; }

    /// <summary>Picks every variant pseudo-randomly from a seed, so a test matrix can cover them all.</summary>
    public static DataverseVariants FromSeed(int seed)
    {
        var random = new Random(seed);
        var statuses = Enum.GetValues<DeltaTokenExpiredStatus>();
        var shapes = Enum.GetValues<EmptyDeltaShape>();
        return new DataverseVariants
        {
            ExpiredDeltaTokenStatus = statuses[random.Next(statuses.Length)],
            EmptyDelta = shapes[random.Next(shapes.Length)],
            AllowResolveIncidentByPatch = random.Next(2) == 1,
            DeltaContextWithoutApiSegment = random.Next(2) == 1,
        };
    }
}
