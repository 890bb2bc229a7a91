using System.Globalization;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Thresholds per category <b>and language</b>. A model's confidence means different things in different languages
/// (fewer training cases, shorter texts, other features), so thresholds chosen over all languages — mostly the
/// largest one — can let a smaller language's auto tier fall below the target. For each language with at least
/// <c>minPerLanguage</c> validation cases: a category with enough validation predictions in that language gets
/// thresholds of its own there; any other category uses the stricter of its category thresholds and the language's
/// thresholds pooled over its categories. A language with too few validation cases uses the category thresholds
/// (<see cref="LanguageNotes"/> says so). These groups are small, so a threshold must reach the target by the lower end
/// of a Wilson interval (z = 1), not by a point estimate. A language's auto threshold is never below the category's
/// threshold over all languages: a language group of a category holds tens of validation predictions, the category
/// ten times more, and a run of ten to twenty right ones in the small group (which passes the bound) is no evidence
/// that the language is right more often at a lower confidence than the whole category is — on the sandbox such runs
/// set Chinese thresholds below the category's and those auto tiers fell short on new cases. The language layer
/// therefore only makes the auto tier stricter, where its own cases show the language is right less often. Finally the abstain share of each such language on validation is capped at
/// <c>maxAbstainShare</c> by lowering its suggest thresholds (suggestions are shown to agents, never applied).
/// </summary>
public sealed partial class TierThresholds
{
    private readonly Dictionary<string, LanguageThresholds> _byLanguage;
    private readonly List<string> _languageNotes = [];

    /// <summary>How each validation language was handled (own thresholds, fallback to category thresholds, abstain cap).</summary>
    public IReadOnlyList<string> LanguageNotes => _languageNotes;

    /// <summary>Languages with thresholds of their own, for the model artifact.</summary>
    internal IReadOnlyDictionary<string, LanguageThresholds> ByLanguage => _byLanguage;

    /// <summary>The thresholds of a category for a case in <paramref name="language"/> (null: any language).</summary>
    public (double Auto, double Suggest) For(string category, string? language) =>
        language is not null && _byLanguage.TryGetValue(language, out var own) && own.ByCategory.TryGetValue(category, out var t) ? t : For(category);

    /// <summary>
    /// Chooses thresholds per category (as <see cref="Choose(IReadOnlyList{string}, IReadOnlyList{ValueTuple{string, double}}, IReadOnlyList{string}, double, double, int)"/>)
    /// and, for every language with at least <paramref name="minPerLanguage"/> validation cases, per category and language.
    /// </summary>
    public static TierThresholds Choose(
        IReadOnlyList<string> categories, IReadOnlyList<(string Predicted, double Confidence)> validation, IReadOnlyList<string> actual,
        IReadOnlyList<string> languages, double autoPrecision, double suggestPrecision, int minPerCategory, int minPerLanguage, double maxAbstainShare)
    {
        ArgumentNullException.ThrowIfNull(languages);
        if (languages.Count != validation.Count)
        {
            throw new ArgumentException($"{validation.Count} validation predictions but {languages.Count} languages.", nameof(languages));
        }

        var result = Choose(categories, validation, actual, autoPrecision, suggestPrecision, minPerCategory);
        foreach (var group in Enumerable.Range(0, validation.Count).GroupBy(i => languages[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            if (rows.Length < minPerLanguage)
            {
                result._languageNotes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{group.Key}: {rows.Length} validation cases (< {minPerLanguage}), category thresholds over all languages used"));
                continue;
            }

            var all = rows.Select(i => (validation[i].Confidence, Correct: validation[i].Predicted == actual[i])).ToList();
            var pooledAuto = Lowest(all, autoPrecision, strict: true);
            var pooled = (Auto: pooledAuto, Suggest: Lowest(Below(all, pooledAuto), suggestPrecision, strict: true));
            var byCategory = new Dictionary<string, (double Auto, double Suggest)>(StringComparer.Ordinal);
            var own = 0;
            foreach (var category in categories)
            {
                var (categoryAuto, categorySuggest) = result.For(category);
                var fallback = (Auto: Math.Max(categoryAuto, pooled.Auto), Suggest: Math.Max(categorySuggest, pooled.Suggest));
                var mine = rows.Where(i => validation[i].Predicted == category).Select(i => (validation[i].Confidence, Correct: actual[i] == category)).ToList();
                if (mine.Count < minPerCategory)
                {
                    byCategory[category] = fallback;
                    continue;
                }

                own++;
                // A language's own cut-off may raise the category's auto threshold, never lower it (see the class notes).
                var auto = Math.Max(Widen(mine, autoPrecision, fallback.Auto, strict: true), categoryAuto);
                byCategory[category] = (auto, Widen(Below(mine, auto), suggestPrecision, fallback.Suggest, strict: true));
            }

            var capped = CapAbstain(rows, validation, byCategory, maxAbstainShare);
            result._byLanguage[group.Key] = new LanguageThresholds(byCategory, pooled);
            result._languageNotes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key}: {rows.Length} validation cases, own thresholds for {own} of {categories.Count} categories (the others: the stricter of category and language-pooled)")
                + (capped ? string.Create(CultureInfo.InvariantCulture, $"; suggest thresholds lowered to keep abstain ≤ {maxAbstainShare:P0} on validation") : ""));
        }

        return result;
    }

    /// <summary>Rebuilds a language's thresholds saved with a model artifact.</summary>
    internal void RestoreLanguage(string language, IReadOnlyDictionary<string, (double Auto, double Suggest)> byCategory, (double Auto, double Suggest) pooled) =>
        _byLanguage[language] = new LanguageThresholds(new Dictionary<string, (double, double)>(byCategory, StringComparer.Ordinal), pooled);

    // The validation cases of one language that would be left for review: when more than the cap, every category's
    // suggest threshold is lowered to the confidence that leaves exactly the cap's share below it (never raised).
    private static bool CapAbstain(int[] rows, IReadOnlyList<(string Predicted, double Confidence)> validation, Dictionary<string, (double Auto, double Suggest)> byCategory, double cap)
    {
        bool Review(int i) => byCategory.TryGetValue(validation[i].Predicted, out var t) && validation[i].Confidence < t.Suggest;
        if (rows.Count(Review) <= cap * rows.Length)
        {
            return false;
        }

        // The confidence below which at most cap × n cases lie.
        var sorted = rows.Select(i => validation[i].Confidence).Order().ToArray();
        var allowed = (int)Math.Floor(cap * sorted.Length);
        var floor = allowed >= sorted.Length ? double.PositiveInfinity : sorted[allowed];
        foreach (var category in byCategory.Keys.ToArray())
        {
            var (auto, suggest) = byCategory[category];
            byCategory[category] = (auto, Math.Min(suggest, floor));
        }

        return true;
    }

    private IEnumerable<string> DescribeLanguages() => _byLanguage.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(l =>
        l.Value.ByCategory.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"[{l.Key}] {p.Key}: auto ≥ {Show(p.Value.Auto)}, suggest ≥ {Show(p.Value.Suggest)}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"[{l.Key}] pooled: auto ≥ {Show(l.Value.Pooled.Auto)}, suggest ≥ {Show(l.Value.Pooled.Suggest)}")));

    /// <summary>One language's thresholds: per category, and pooled over its categories.</summary>
    internal sealed record LanguageThresholds(IReadOnlyDictionary<string, (double Auto, double Suggest)> ByCategory, (double Auto, double Suggest) Pooled);
}
