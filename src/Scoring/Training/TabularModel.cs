using System.Text.Json;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Training;

/// <summary>
/// A trained tabular model in serving form: raw = TreeCoefficient × trees(x) + LinearCoefficient × linear(z(x)) +
/// Intercept. For binary models raw is the calibrated log-odds of the positive class (probability = σ(raw));
/// for regression it is the predicted value. Immutable after training, so one instance serves every thread.
/// </summary>
internal sealed class TabularModel
{
    public required ModelKind Kind { get; init; }

    public required FeatureMap Features { get; init; }

    public TreeEnsemble? Trees { get; init; }

    public LinearModel? Linear { get; init; }

    public double TreeCoefficient { get; init; }

    public double LinearCoefficient { get; init; }

    public double Intercept { get; init; }

    /// <summary>The positive class value (binary).</summary>
    public string? PositiveClass { get; init; }

    /// <summary>The negative class value as seen in training (binary; "not …" when several values were negative).</summary>
    public string? NegativeClass { get; init; }

    /// <summary>What was chosen on validation, e.g. "trees (16 leaves, 180 iterations) 75% + linear (L2 1) 25%".</summary>
    public string Description { get; init; } = "";

    public double Raw(float[] x)
    {
        var raw = Intercept;
        if (Trees is not null && TreeCoefficient != 0)
        {
            raw += TreeCoefficient * Trees.Evaluate(x);
        }

        if (Linear is not null && LinearCoefficient != 0)
        {
            raw += LinearCoefficient * Linear.Evaluate(Features.Standardise(x));
        }

        return raw;
    }

    /// <summary>Probability of the positive class (binary) or the value (regression).</summary>
    public double Predict(float[] x) => Kind == ModelKind.Binary ? Platt.Sigmoid(Raw(x)) : Raw(x);

    /// <summary>
    /// Per-slot contributions to <see cref="Raw"/>; returns the bias. bias + Σ contributions = Raw(x) up to rounding.
    /// Tree contributions follow the decision path; linear ones are weight × standardised input.
    /// </summary>
    public double Explain(float[] x, Span<double> contributions) => Explain(x, contributions, new double[contributions.Length]);

    /// <summary>Like the other overload, with <paramref name="trees"/> (as long as <paramref name="contributions"/>) as scratch space.</summary>
    public double Explain(float[] x, Span<double> contributions, Span<double> trees)
    {
        ArgumentNullException.ThrowIfNull(x);
        contributions.Clear();
        var bias = Intercept;
        if (Trees is not null && TreeCoefficient != 0)
        {
            trees.Clear();
            bias += TreeCoefficient * Trees.Contribute(x, trees);
            for (var j = 0; j < trees.Length; j++)
            {
                contributions[j] += TreeCoefficient * trees[j];
            }
        }

        if (Linear is not null && LinearCoefficient != 0)
        {
            var z = Features.Standardise(x);
            bias += LinearCoefficient * Linear.Bias;
            for (var j = 0; j < z.Length; j++)
            {
                contributions[j] += LinearCoefficient * Linear.Weights[j] * z[j];
            }
        }

        return bias;
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, JsonDefaults.Options);

    public static TabularModel FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<TabularModel>(json, JsonDefaults.Options) ?? throw new JsonException("The model document is empty.");
}
