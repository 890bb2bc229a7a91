namespace CrmExtensions.Scoring.Features;

/// <summary>Rules for turning fields into model inputs; the defaults are general, not tuned to one dataset.</summary>
public sealed record FeatureOptions
{
    /// <summary>A category value needs at least this many training rows (and <see cref="MinLevelFraction"/>) for its own slot.</summary>
    public int MinLevelCount { get; init; } = 10;

    /// <summary>A category value needs at least this fraction of training rows for its own slot.</summary>
    public double MinLevelFraction { get; init; } = 0.001;

    /// <summary>At most this many values per category get their own slot; the rest are grouped as "other".</summary>
    public int MaxLevels { get; init; } = 50;

    /// <summary>At most this many words per text field.</summary>
    public int MaxWords { get; init; } = 100;

    /// <summary>A word must occur in at least this many training rows.</summary>
    public int MinWordCount { get; init; } = 5;
}
