using System.Globalization;
using System.Text.Json;
using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Hold-out figures of a case categoriser in the shared metrics schema: overall values (accuracy, macroF1,
/// autoShare, suggestShare, abstainShare, autoPrecision, correctionRate) and, in details, the same per category
/// and per language (<see cref="ScriptLanguage"/>). Call it only with cases the classifier did not train on.
/// </summary>
public static class CaseEvaluation
{
    private static readonly JsonSerializerOptions DetailsJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new NaNAsNullConverter() },
    };

    /// <summary>Figures for predictions against true categories (null = unlabelled, skipped) with each case's language.</summary>
    public static ModelMetrics Evaluate(
        IReadOnlyList<CasePrediction> predictions, IReadOnlyList<string?> actual, IReadOnlyList<string> languages, string split, long trainRows)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(languages);
        var rows = Enumerable.Range(0, predictions.Count).Where(i => !string.IsNullOrWhiteSpace(actual[i])).ToArray();
        var overall = Figures(rows, predictions, actual);
        var categories = rows.Select(i => actual[i]!.Trim()).Concat(rows.Select(i => predictions[i].Top)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var perCategory = categories.Select(c => new { category = c, figures = CategoryFigures(c, rows, predictions, actual) }).ToArray();
        var perLanguage = rows.GroupBy(i => languages[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new { language = g.Key, figures = Figures([.. g], predictions, actual) }).ToArray();
        var values = new Dictionary<string, double>
        {
            ["accuracy"] = overall.Accuracy,
            ["macroF1"] = overall.F1,
            ["autoShare"] = overall.AutoShare,
            ["suggestShare"] = overall.SuggestShare,
            ["abstainShare"] = overall.AbstainShare,
            ["autoPrecision"] = overall.AutoPrecision,
            ["suggestPrecision"] = overall.SuggestPrecision,
            ["correctionRate"] = overall.CorrectionRate,
        };
        // The schema's readers expect numbers: an undefined figure (nothing auto-applied) is left out, not NaN.
        foreach (var undefined in values.Where(p => double.IsNaN(p.Value)).Select(p => p.Key).ToArray())
        {
            values.Remove(undefined);
        }

        var details = JsonSerializer.SerializeToElement(new { perCategory, perLanguage }, DetailsJson);
        return new ModelMetrics { Kind = ModelKind.Multiclass, Split = split, TrainRows = trainRows, HoldoutRows = rows.Length, Values = values, Details = details };
    }

    /// <summary>Figures of the given cases: macro precision/recall/F1 over the categories that occur in them.</summary>
    public static CaseFigures Figures(IReadOnlyList<int> rows, IReadOnlyList<CasePrediction> predictions, IReadOnlyList<string?> actual)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(actual);
        var categories = rows.Select(i => actual[i]!.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        var perCategory = categories.Select(c => CategoryFigures(c, rows, predictions, actual)).ToArray();
        var (auto, suggest, review, autoRight, written, writtenWrong) = Tiers(rows, predictions, actual);
        var suggestRight = written - writtenWrong - autoRight;
        var n = Math.Max(rows.Count, 1);
        return new CaseFigures(
            rows.Count,
            perCategory.Select(f => f.Precision).Where(p => !double.IsNaN(p)).DefaultIfEmpty().Average(),
            perCategory.Select(f => f.Recall).DefaultIfEmpty().Average(),
            perCategory.Select(f => f.F1).DefaultIfEmpty().Average(),
            rows.Count(i => predictions[i].Top == actual[i]!.Trim()) / (double)n,
            auto / (double)n, suggest / (double)n, review / (double)n,
            auto == 0 ? double.NaN : autoRight / (double)auto,
            suggest == 0 ? double.NaN : suggestRight / (double)suggest,
            written == 0 ? double.NaN : writtenWrong / (double)written);
    }

    /// <summary>One line per figure for reports.</summary>
    public static IEnumerable<string> Describe(string name, CaseFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{name}: {f.Cases} cases, accuracy {f.Accuracy:F4}, macro P/R/F1 {f.Precision:F3}/{f.Recall:F3}/{f.F1:F3}, "
            + $"auto {f.AutoShare:P1} (precision {f.AutoPrecision:F3}), suggest {f.SuggestShare:P1} (precision {f.SuggestPrecision:F3}), abstain {f.AbstainShare:P1}, correction rate {f.CorrectionRate:F3}");
    }

    // A category's own figures: precision over cases predicted as it, recall and tier shares over cases that are it.
    private static CaseFigures CategoryFigures(string category, IReadOnlyList<int> rows, IReadOnlyList<CasePrediction> predictions, IReadOnlyList<string?> actual)
    {
        var tp = rows.Count(i => predictions[i].Top == category && actual[i]!.Trim() == category);
        var predicted = rows.Count(i => predictions[i].Top == category);
        var mine = rows.Where(i => actual[i]!.Trim() == category).ToArray();
        var precision = predicted == 0 ? double.NaN : tp / (double)predicted;
        var recall = mine.Length == 0 ? double.NaN : tp / (double)mine.Length;
        var f1 = tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + (predicted - tp) + (mine.Length - tp));
        // Auto precision and correction rate are about the values we would write for this category.
        var ours = rows.Where(i => predictions[i].Top == category).ToArray();
        var (_, _, _, autoRight, written, writtenWrong) = Tiers(ours, predictions, actual);
        var autoCount = ours.Count(i => predictions[i].Tier == CaseTier.Auto);
        var suggestCount = ours.Count(i => predictions[i].Tier == CaseTier.Suggest);
        var n = Math.Max(mine.Length, 1);
        return new CaseFigures(
            mine.Length, precision, recall, f1, recall,
            mine.Count(i => predictions[i].Tier == CaseTier.Auto) / (double)n,
            mine.Count(i => predictions[i].Tier == CaseTier.Suggest) / (double)n,
            mine.Count(i => predictions[i].Tier == CaseTier.Review) / (double)n,
            autoCount == 0 ? double.NaN : autoRight / (double)autoCount,
            suggestCount == 0 ? double.NaN : (written - writtenWrong - autoRight) / (double)suggestCount,
            written == 0 ? double.NaN : writtenWrong / (double)written);
    }

    private static (int Auto, int Suggest, int Review, int AutoRight, int Written, int WrittenWrong) Tiers(
        IReadOnlyList<int> rows, IReadOnlyList<CasePrediction> predictions, IReadOnlyList<string?> actual)
    {
        int auto = 0, suggest = 0, review = 0, autoRight = 0, writtenWrong = 0;
        foreach (var i in rows)
        {
            var right = predictions[i].Top == actual[i]!.Trim();
            switch (predictions[i].Tier)
            {
                case CaseTier.Auto:
                    auto++;
                    autoRight += right ? 1 : 0;
                    writtenWrong += right ? 0 : 1;
                    break;
                case CaseTier.Suggest:
                    suggest++;
                    writtenWrong += right ? 0 : 1;
                    break;
                default:
                    review++;
                    break;
            }
        }

        return (auto, suggest, review, autoRight, auto + suggest, writtenWrong);
    }
}
