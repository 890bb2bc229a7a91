namespace CrmExtensions.Scoring.Training;

/// <summary>
/// Candidate settings searched on a validation split of the training data (never on hold-out rows). The same
/// defaults serve every table: there are no per-dataset constants.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Seed of the validation split and the trainers; the same seed and data give the same model.</summary>
    public int Seed { get; init; }

    /// <summary>Fraction of the training rows held back to choose candidates and calibrate.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Gradient-boosting learning rate (lower than LightGBM's default; better on real tabular data).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Leaf counts tried for the boosted trees.</summary>
    public IReadOnlyList<int> LeafCandidates { get; init; } = [8, 16, 32];

    /// <summary>Most boosting iterations tried; the best number up to this is chosen on validation.</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>Fraction of inputs each tree may use (LightGBM feature_fraction).</summary>
    public double FeatureFraction { get; init; } = 1;

    /// <summary>Fraction of rows each tree is grown on (LightGBM bagging; 1 = all rows).</summary>
    public double SubsampleFraction { get; init; } = 1;

    /// <summary>Minimum training rows per leaf.</summary>
    public int MinRowsPerLeaf { get; init; } = 20;

    /// <summary>L2 strengths tried for the regularised linear model.</summary>
    public IReadOnlyList<float> LinearL2Candidates { get; init; } = [0.1f, 1f, 10f];

    /// <summary>Weights of the tree model in the tree/linear average that are tried (1 = trees only, 0 = linear only).</summary>
    public IReadOnlyList<double> BlendWeights { get; init; } = [0, 0.25, 0.5, 0.75, 1];

    /// <summary>Trainer threads; 0 lets LightGBM decide.</summary>
    public int Threads { get; init; }
}
