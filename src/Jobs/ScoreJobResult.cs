using CrmExtensions.Scoring.Drift;

namespace CrmExtensions.Jobs;

/// <summary>What a scoring run did: records scored with the champion, output values that changed, and the drift it measured.</summary>
public sealed record ScoreJobResult(string Model, int? ChampionVersion, long Scored, long OutputsChanged, string? Skipped, IReadOnlyList<FeatureDrift> Drift)
{
    /// <summary>The drift meter's bin counts of a shard run (<see cref="ScoreScope.IsShard"/>), to be merged with the other shards'; else null.</summary>
    public DriftCounts? DriftCounts { get; init; }

    /// <summary>"No drift (largest PSI 0.04 on budget)" or "Drifted: budget (PSI 0.61)"; empty when nothing was scored.</summary>
    public string DriftSummary => Drift.Count == 0 ? "" : Scoring.Drift.DriftSummary.Describe(Drift);
}
