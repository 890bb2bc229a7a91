namespace CrmExtensions.Cli.Bench.Sklearn;

/// <summary>What <c>crmx bench --compare-sklearn</c> measured: one row per model kind, quality and fit time, ours against scikit-learn's best.</summary>
internal sealed record SklearnReport(int Scale, string SklearnVersion, int Rounds, int Cores, IReadOnlyList<SklearnRow> Rows);

/// <summary>
/// One model kind. Seconds are the fastest of the alternating rounds (ours, theirs, ours, theirs …); ratios are ours/theirs,
/// so quality ≥ 1 and time ≤ 1 meet the aims. <paramref name="TheirModel"/> is the scikit-learn model with the better quality.
/// </summary>
internal sealed record SklearnRow(
    string Kind, string Metric, long TrainRows, long TestRows, double Ours, double Theirs, string TheirModel,
    double QualityRatio, double OurSeconds, double TheirSeconds, double TimeRatio, string Note);
