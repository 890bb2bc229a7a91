namespace CrmExtensions.Scoring.Registry;

/// <summary>When a newly trained version replaces the champion.</summary>
public sealed record ChampionPolicy
{
    /// <summary>
    /// The challenger wins when its AUC is at least this fraction of the champion's on the same hold-out rows
    /// (0.95, as Dynamics 365 predictive scoring does); for regression, when its RMSE is at most the champion's
    /// divided by this fraction.
    /// </summary>
    public double MinimumRatio { get; init; } = 0.95;

    /// <summary>When set, a champion older than this is replaced by any challenger that can be measured.</summary>
    public TimeSpan? MaximumChampionAge { get; init; }
}
