using System.Globalization;
using CrmExtensions.Scoring.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;

namespace CrmExtensions.Scoring.Training;

/// <summary>
/// Many-class prediction for the CSV path: boosted trees (LightGBM, one tree per class per round) and a
/// maximum-entropy linear model with light L2 (strong regularisation hurts sparse word inputs), compared by
/// log-loss on a stratified validation split of the training rows; the winner is refitted on every row.
/// </summary>
internal static class MulticlassTrainer
{
    private const int MaxTreeClasses = 30;

    public static MulticlassOutcome Train(FeatureMap map, float[][] x, int[] y, int classes, TrainingOptions options, CancellationToken cancellationToken = default)
    {
        var ml = new MLContext(seed: options.Seed);
        var all = Enumerable.Range(0, x.Length).ToArray();
        var (fit, validation) = StratifiedMany(y, options.ValidationFraction, options.Seed);
        var standardised = x.Select(map.Standardise).ToArray();
        var notes = new List<string> { $"validation: {validation.Length} of {x.Length} training rows (stratified)" };
        var candidates = new List<(string Name, Func<IReadOnlyList<int>, ITransformer> Fit, float[][] Input)>
        {
            ("maximum entropy (L2 0.1)", rows => FitLinear(ml, standardised, y, rows, classes, map.Width), standardised),
        };
        // Boosting grows one tree per class per round; past a few dozen classes it costs minutes for little gain.
        if (classes <= MaxTreeClasses)
        {
            candidates.Add(("boosted trees (16 leaves, 200 iterations)", rows => FitTrees(ml, x, y, rows, classes, map.Width, options), x));
        }
        else
        {
            notes.Add($"boosted trees skipped: {classes} classes (more than {MaxTreeClasses})");
        }

        var best = (Index: -1, LogLoss: double.PositiveInfinity, Accuracy: 0.0);
        for (var c = 0; c < candidates.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var model = candidates[c].Fit(fit);
            var probabilities = Predict(ml, model, candidates[c].Input, validation, classes, map.Width);
            var logLoss = validation.Select((row, i) => -Math.Log(Math.Max(probabilities[i][y[row]], 1e-15))).Average();
            var accuracy = validation.Select((row, i) => ArgMax(probabilities[i]) == y[row] ? 1.0 : 0.0).Average();
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{candidates[c].Name}: validation log-loss {logLoss:F4}, accuracy {accuracy:F4}"));
            if (logLoss < best.LogLoss)
            {
                best = (c, logLoss, accuracy);
            }
        }

        var chosen = candidates[best.Index];
        var final = chosen.Fit(all);
        return new MulticlassOutcome(
            chosen.Name, best.Accuracy, notes,
            test => Predict(ml, final, chosen.Input == x ? test : [.. test.Select(map.Standardise)], Enumerable.Range(0, test.Length).ToArray(), classes, map.Width));
    }

    public static int ArgMax(double[] values)
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

    private static TransformerChain<MulticlassPredictionTransformer<OneVersusAllModelParameters>> FitTrees(MLContext ml, float[][] x, int[] y, IReadOnlyList<int> rows, int classes, int width, TrainingOptions options) =>
        ToKey(ml).Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            NumberOfIterations = 200,
            LearningRate = options.LearningRate,
            NumberOfLeaves = 16,
            MinimumExampleCountPerLeaf = options.MinRowsPerLeaf,
            Seed = options.Seed,
            Deterministic = true,
            Silent = true,
        })).Fit(View(ml, x, y, rows, classes, width));

    private static TransformerChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> FitLinear(MLContext ml, float[][] z, int[] y, IReadOnlyList<int> rows, int classes, int width) =>
        ToKey(ml).Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = 0.1f,
            MaximumNumberOfIterations = 200,
        })).Fit(View(ml, z, y, rows, classes, width));

    // Keys ordered by value, so score slot i is class index i (every class occurs in each fitted subset).
    private static ValueToKeyMappingEstimator ToKey(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);

    private static double[][] Predict(MLContext ml, ITransformer model, float[][] x, IReadOnlyList<int> rows, int classes, int width)
    {
        var scores = model.Transform(View(ml, x, new int[x.Length], rows, classes, width)).GetColumn<float[]>("Score");
        return [.. scores.Select(s => s.Select(v => (double)v).ToArray())];
    }

    private static IDataView View(MLContext ml, float[][] x, int[] y, IReadOnlyList<int> rows, int classes, int width)
    {
        var schema = SchemaDefinition.Create(typeof(MulticlassMlRow));
        schema[nameof(MulticlassMlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(rows.Select(i => new MulticlassMlRow { Label = (uint)y[i], Features = x[i] }), schema);
    }

    private static (int[] Fit, int[] Validation) StratifiedMany(int[] y, double fraction, int seed)
    {
        var random = new Random(seed);
        var fit = new List<int>();
        var validation = new List<int>();
        foreach (var group in Enumerable.Range(0, y.Length).GroupBy(i => y[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var take = (int)Math.Round(members.Length * fraction);
            validation.AddRange(members.Take(take));
            fit.AddRange(members.Skip(take));
        }

        fit.Sort();
        validation.Sort();
        return ([.. fit], [.. validation]);
    }
}
