using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Trains a case categoriser: cases are cleaned and featurised, the training cases are split (stratified) into a
/// fit part and a validation part, every configured trainer is fitted on the fit part and compared on validation
/// (accuracy, then log-loss), the winner's calibration and tier thresholds are chosen on validation, and the
/// winner is refitted on all training cases. Categories are oversampled towards the largest one so rare
/// categories are not drowned out. Hold-out figures are for the caller to measure on cases never seen here.
/// </summary>
public static class CaseTrainer
{
    /// <summary>Trains on cases whose label is set; cases without a label are ignored.</summary>
    /// <exception cref="NotEnoughCasesException">Fewer than two categories have enough labelled cases.</exception>
    public static CaseTrainingResult Train(IReadOnlyList<CaseInput> cases, IReadOnlyList<string?> labels, CaseClassifierOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        if (cases.Count != labels.Count)
        {
            throw new ArgumentException($"{cases.Count} cases but {labels.Count} labels.", nameof(labels));
        }

        options.Validate();
        var notes = new List<string>();
        var (categories, rows, y) = UsableCases(labels, options.MinCasesPerCategory, notes);
        var withFields = cases.Any(c => c.Fields.Count > 0);
        var ml = new MLContext(seed: options.Seed);
        var data = rows.Select(r => new CaseMlRow { Text = cases[r].CleanText(), Fields = cases[r].FieldTokens() }).ToArray();
        for (var i = 0; i < data.Length; i++)
        {
            data[i].Label = (uint)y[i];
        }

        var (fit, validation) = Stratified(y, options.ValidationFraction, options.Seed);
        notes.Add($"validation: {validation.Length} of {data.Length} training cases (stratified, seed {options.Seed})");
        var featuriser = CaseFeaturiser.Build(ml, options, withFields).Fit(CaseMlRow.View(ml, fit.Select(i => data[i])));
        var fitView = ml.Data.Cache(featuriser.Transform(CaseMlRow.View(ml, Oversample(fit, y, options, options.Seed).Select(i => data[i]))));
        var validationView = featuriser.Transform(CaseMlRow.View(ml, validation.Select(i => data[i])));
        var actual = validation.Select(i => y[i]).ToArray();

        (CaseTrainerKind Kind, double Accuracy, double LogLoss, TemperatureSoftmax Calibration, double[][] Probabilities, ITransformer Model)? best = null;
        foreach (var kind in options.Trainers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var model = CaseTrainers.Create(ml, kind).Fit(fitView);
            var scores = model.Transform(validationView).GetColumn<float[]>("Score").ToArray();
            var calibration = TemperatureSoftmax.Fit(scores, actual, CaseTrainers.GivesProbabilities(kind));
            var probabilities = scores.Select(calibration.Apply).ToArray();
            var accuracy = probabilities.Select((p, i) => ArgMax(p) == actual[i] ? 1.0 : 0.0).DefaultIfEmpty().Average();
            var logLoss = probabilities.Select((p, i) => -Math.Log(Math.Max(p[actual[i]], 1e-15))).DefaultIfEmpty().Average();
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{CaseTrainers.Describe(kind)}: validation accuracy {accuracy:F4}, log-loss {logLoss:F4} (temperature {calibration.Temperature:G3}), {clock.Elapsed.TotalSeconds:F1} s"));
            // Accuracy decides; within half a percent the better-calibrated (lower log-loss) trainer wins.
            if (best is null || accuracy > best.Value.Accuracy + 0.005 || (accuracy > best.Value.Accuracy - 0.005 && logLoss < best.Value.LogLoss))
            {
                best = (kind, accuracy, logLoss, calibration, probabilities, model);
            }
        }

        var chosen = best!.Value;
        var validationLanguages = validation.Select(i => ScriptLanguage.Detect(data[i].Text)).ToArray();
        var thresholds = TierThresholds.Choose(
            categories,
            [.. chosen.Probabilities.Select(p => (categories[ArgMax(p)], p[ArgMax(p)]))],
            [.. actual.Select(a => categories[a])],
            validationLanguages,
            options.AutoPrecision, options.SuggestPrecision, options.MinValidationPerCategory, options.MinValidationPerLanguage, options.MaxAbstainShare);
        notes.Add($"chosen: {CaseTrainers.Describe(chosen.Kind)}; tier thresholds from {validation.Length} validation cases"
            + (thresholds.PooledCategories.Count > 0 ? $" ({thresholds.PooledCategories.Count} categories use pooled thresholds)" : ""));
        notes.AddRange(thresholds.LanguageNotes.Select(n => "thresholds by language: " + n));

        ITransformer finalModel;
        if (options.RefitOnAllCases)
        {
            // Refit featuriser and trainer on every usable training case; calibration and thresholds stay those of validation.
            var all = Enumerable.Range(0, data.Length).ToArray();
            var finalFeaturiser = CaseFeaturiser.Build(ml, options, withFields).Fit(CaseMlRow.View(ml, data));
            var finalView = ml.Data.Cache(finalFeaturiser.Transform(CaseMlRow.View(ml, Oversample(all, y, options, options.Seed + 1).Select(i => data[i]))));
            finalModel = finalFeaturiser.Append(CaseTrainers.Create(ml, chosen.Kind).Fit(finalView));
            notes.Add("refitted on all training cases (calibration and thresholds from the validation-phase model)");
        }
        else
        {
            // The model whose validation confidences chose the calibration and the thresholds is the one that scores.
            finalModel = featuriser.Append(chosen.Model);
        }

        var classifier = new CaseClassifier(ml, finalModel, categories, chosen.Calibration, thresholds, CaseTrainers.Describe(chosen.Kind));
        return new CaseTrainingResult(classifier, chosen.Accuracy, data.Length, notes)
        {
            Validation = [.. chosen.Probabilities.Select((p, i) => new ValidationPrediction(categories[ArgMax(p)], p[ArgMax(p)], categories[actual[i]], validationLanguages[i]))],
        };
    }

    internal static int ArgMax(double[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static (string[] Categories, int[] Rows, int[] Y) UsableCases(IReadOnlyList<string?> labels, int minimum, List<string> notes)
    {
        var counts = labels.Where(l => !string.IsNullOrWhiteSpace(l)).GroupBy(l => l!.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var categories = counts.Where(p => p.Value >= minimum).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        if (categories.Length < 2)
        {
            var sizes = counts.Values.OrderDescending().Take(2).Concat([0, 0]).Take(2).ToArray();
            throw new NotEnoughCasesException(string.Create(CultureInfo.InvariantCulture,
                $"Not enough labelled cases to learn categories: at least {minimum} cases in each of at least 2 categories are needed; "
                + $"{counts.Values.Sum()} labelled cases in {counts.Count} categories, the two largest have {sizes[0]} and {sizes[1]} "
                + $"({Math.Max(0, minimum - sizes[0]) + Math.Max(0, minimum - sizes[1])} more needed)."));
        }

        var left = counts.Count - categories.Length;
        if (left > 0)
        {
            notes.Add($"{left} categories with fewer than {minimum} labelled cases left out ({counts.Where(p => p.Value < minimum).Sum(p => p.Value)} cases); they cannot be predicted until more are labelled");
        }

        var index = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var rows = new List<int>();
        var y = new List<int>();
        for (var r = 0; r < labels.Count; r++)
        {
            if (!string.IsNullOrWhiteSpace(labels[r]) && index.TryGetValue(labels[r]!.Trim(), out var c))
            {
                rows.Add(r);
                y.Add(c);
            }
        }

        return (categories, [.. rows], [.. y]);
    }

    private static (int[] Fit, int[] Validation) Stratified(int[] y, double fraction, int seed)
    {
        var random = new Random(seed);
        var fit = new List<int>();
        var validation = new List<int>();
        foreach (var group in Enumerable.Range(0, y.Length).GroupBy(i => y[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var take = Math.Clamp((int)Math.Round(members.Length * fraction), 1, members.Length - 1);
            validation.AddRange(members.Take(take));
            fit.AddRange(members.Skip(take));
        }

        fit.Sort();
        validation.Sort();
        return ([.. fit], [.. validation]);
    }

    // Rows of small categories are repeated (drawn with replacement) up to a share of the largest category.
    private static int[] Oversample(int[] rows, int[] y, CaseClassifierOptions options, int seed)
    {
        var random = new Random(seed);
        var groups = rows.GroupBy(r => y[r]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var target = (int)Math.Ceiling(groups.Max(g => g.Length) * options.BalanceToShareOfLargest);
        var result = new List<int>(rows);
        foreach (var group in groups)
        {
            for (var extra = group.Length; extra < target; extra++)
            {
                result.Add(group[random.Next(group.Length)]);
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result));
        return [.. result];
    }
}
