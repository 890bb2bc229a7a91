using System.Globalization;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Per-category confidence thresholds of the auto-apply and suggest tiers, chosen on validation cases: for each
/// category the lowest confidence at which the validation cases predicted as that category with at least that
/// confidence reach the auto-apply target precision; then, among the cases below the auto threshold, the lowest
/// confidence at which that band reaches the suggest target (so suggestions are judged on their own). Precision is estimated as (correct + 1) / (predicted + 2), so a
/// handful of lucky cases cannot open a tier. A category with too few validation predictions uses the
/// thresholds pooled over all categories, and so does a category whose every validation prediction keeps the target
/// when the pooled threshold is lower. No threshold reaches the target → that tier is closed (∞).
/// </summary>
public sealed partial class TierThresholds
{
    private readonly Dictionary<string, (double Auto, double Suggest)> _byCategory;

    private TierThresholds(Dictionary<string, (double Auto, double Suggest)> byCategory, (double Auto, double Suggest) pooled, IReadOnlyList<string> pooledCategories)
    {
        _byCategory = byCategory;
        Pooled = pooled;
        PooledCategories = pooledCategories;
        _byLanguage = new Dictionary<string, LanguageThresholds>(StringComparer.Ordinal);
    }

    /// <summary>Per-category thresholds (categories that use the pooled ones are absent): for the model artifact.</summary>
    internal IReadOnlyDictionary<string, (double Auto, double Suggest)> ByCategory => _byCategory;

    /// <summary>Rebuilds thresholds saved with a model artifact.</summary>
    internal static TierThresholds Restore(
        IReadOnlyDictionary<string, (double Auto, double Suggest)> byCategory, (double Auto, double Suggest) pooled, IReadOnlyList<string> pooledCategories) =>
        new(new Dictionary<string, (double, double)>(byCategory, StringComparer.Ordinal), pooled, [.. pooledCategories]);

    /// <summary>The thresholds over all categories (used for categories with too few validation predictions).</summary>
    public (double Auto, double Suggest) Pooled { get; }

    /// <summary>Categories that use the pooled thresholds.</summary>
    public IReadOnlyList<string> PooledCategories { get; }

    /// <summary>The thresholds of a category.</summary>
    public (double Auto, double Suggest) For(string category) => _byCategory.TryGetValue(category, out var t) ? t : Pooled;

    /// <summary>The tier of a prediction with the given category and confidence (category thresholds, any language).</summary>
    public CaseTier TierOf(string category, double confidence) => TierOf(category, confidence, language: null);

    /// <summary>
    /// The tier of a prediction of a case in <paramref name="language"/> (<see cref="ScriptLanguage"/>): the thresholds
    /// of the category in that language when validation had enough cases of the language, else the category's.
    /// </summary>
    public CaseTier TierOf(string category, double confidence, string? language)
    {
        var (auto, suggest) = For(category, language);
        return confidence >= auto ? CaseTier.Auto : confidence >= suggest ? CaseTier.Suggest : CaseTier.Review;
    }

    /// <summary>Chooses thresholds from validation predictions (top category and its confidence) and the true categories.</summary>
    public static TierThresholds Choose(
        IReadOnlyList<string> categories, IReadOnlyList<(string Predicted, double Confidence)> validation, IReadOnlyList<string> actual,
        double autoPrecision, double suggestPrecision, int minPerCategory)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(actual);
        var all = validation.Select((p, i) => (p.Confidence, Correct: p.Predicted == actual[i])).ToList();
        var pooledAuto = Lowest(all, autoPrecision);
        var pooled = (pooledAuto, Lowest(Below(all, pooledAuto), suggestPrecision));
        var byCategory = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        var pooledCategories = new List<string>();
        foreach (var category in categories)
        {
            var mine = validation.Select((p, i) => (p, i)).Where(x => x.p.Predicted == category)
                .Select(x => (x.p.Confidence, Correct: actual[x.i] == category)).ToList();
            if (mine.Count < minPerCategory)
            {
                pooledCategories.Add(category);
                continue;
            }

            var auto = Widen(mine, autoPrecision, pooled.Item1);
            byCategory[category] = (auto, Widen(Below(mine, auto), suggestPrecision, pooled.Item2));
        }

        return new TierThresholds(byCategory, pooled, pooledCategories);
    }

    /// <summary>One line per category for reports.</summary>
    public IEnumerable<string> Describe() => _byCategory.OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: auto ≥ {Show(p.Value.Auto)}, suggest ≥ {Show(p.Value.Suggest)}"))
        .Append(string.Create(CultureInfo.InvariantCulture, $"pooled ({PooledCategories.Count} categories): auto ≥ {Show(Pooled.Auto)}, suggest ≥ {Show(Pooled.Suggest)}"))
        .Concat(DescribeLanguages());

    private static string Show(double t) => double.IsPositiveInfinity(t) ? "closed" : t.ToString("0.###", CultureInfo.InvariantCulture);

    // When even the least confident validation prediction of a category keeps the target, the validation cases
    // say nothing about where precision would drop: the pooled threshold (if lower) bounds it instead.
    private static double Widen(List<(double Confidence, bool Correct)> predictions, double target, double pooled, bool strict = false)
    {
        if (predictions.Count == 0)
        {
            return pooled;
        }

        var own = Lowest(predictions, target, strict);
        return own <= predictions.Min(p => p.Confidence) ? Math.Min(own, pooled) : own;
    }

    // The suggest tier is judged on its own band (below the auto threshold), so the auto tier's high precision
    // cannot carry suggestions that are right less often than the suggest target.
    private static List<(double Confidence, bool Correct)> Below(List<(double Confidence, bool Correct)> predictions, double auto) =>
        [.. predictions.Where(p => p.Confidence < auto)];

    // Scanning from the most confident prediction down, the lowest confidence at which the smoothed precision of
    // everything at or above it reaches the target. Ties in confidence are taken together.
    private static double Lowest(List<(double Confidence, bool Correct)> predictions, double target, bool strict = false)
    {
        var sorted = predictions.OrderByDescending(p => p.Confidence).ToList();
        var best = double.PositiveInfinity;
        var correct = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            correct += sorted[i].Correct ? 1 : 0;
            if (i + 1 < sorted.Count && sorted[i + 1].Confidence == sorted[i].Confidence)
            {
                continue;
            }

            if ((strict ? WilsonLower(correct, i + 1) : (correct + 1.0) / (i + 1 + 2.0)) >= target)
            {
                best = sorted[i].Confidence;
            }
        }

        return best;
    }

    // Wilson score interval's lower end at z = 1 (about 84% one-sided): with a few dozen cases per group, the lowest
    // threshold whose point estimate reaches the target is an optimistic pick among many cut-offs (it tends to fall
    // short on new cases), so the smaller groups of the language layer must show the target with some margin.
    private static double WilsonLower(int correct, int n)
    {
        const double z = 1.0;
        var p = correct / (double)n;
        var z2 = z * z;
        return (p + (z2 / (2 * n)) - (z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))))) / (1 + (z2 / n));
    }
}
