namespace CrmExtensions.Scoring.Models;

/// <summary>Where a registered model version stands.</summary>
public enum ModelStatus
{
    /// <summary>Trained and registered, not serving; the status reason says why.</summary>
    Challenger,

    /// <summary>The one version that scores records (at most one per org and model name).</summary>
    Champion,

    /// <summary>A former champion or an abandoned challenger.</summary>
    Retired,
}
