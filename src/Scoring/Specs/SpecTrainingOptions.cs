using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Specs;

/// <summary>Settings of a spec training run that are not part of the spec.</summary>
public sealed record SpecTrainingOptions
{
    /// <summary>The candidate search.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Feature building rules.</summary>
    public FeatureOptions Features { get; init; } = new();

    /// <summary>Secured (field-level security) or encrypted fields, as the connector reported them.</summary>
    public IReadOnlySet<string>? SecuredFields { get; init; }

    /// <summary>Display names of fields for reasons ("leadsourcecode" → "Lead source"), as the connector discovered them.</summary>
    public IReadOnlyDictionary<string, string>? FieldLabels { get; init; }

    /// <summary>Fraction of labelled records held out (the newest when the spec has a time field).</summary>
    public double HoldoutFraction { get; init; } = 0.2;

    /// <summary>
    /// When the model will score open records (the spec's records without a closed label), the time it scores them at:
    /// the drift baseline is then fitted on those open records as of this time (when there are at least 100), not on the closed training rows — open and closed records
    /// differ by nature (age, activity), and a baseline of closed rows would report drift on the very first scoring
    /// run and never clear. Null keeps the training rows as the baseline.
    /// </summary>
    public DateTimeOffset? ScoringTime { get; init; }

    /// <summary>Quantiles of hold-out scores for grades A, B, C (descending).</summary>
    public IReadOnlyList<double>? GradeQuantiles { get; init; }
}
