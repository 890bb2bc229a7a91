using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Evaluation;

/// <summary>Many-class hold-out metrics in the shared schema: accuracy, macroF1 (mean per-class F1, not ML.NET's macro accuracy), logLoss.</summary>
public static class MulticlassEvaluation
{
    /// <summary>Figures for class probabilities (rows × classes) against actual class indexes (−1 = a class unseen in training).</summary>
    public static ModelMetrics Evaluate(IReadOnlyList<double[]> probabilities, IReadOnlyList<int> actual, int classes, string split, long trainRows)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(actual);
        var n = actual.Count;
        var predicted = probabilities.Select(p => Array.IndexOf(p, p.Max())).ToArray();
        var logLoss = Enumerable.Range(0, n).Select(i => -Math.Log(actual[i] < 0 ? 1e-15 : Math.Max(probabilities[i][actual[i]], 1e-15))).DefaultIfEmpty().Average();
        var f1 = new List<double>();
        for (var c = 0; c < classes; c++)
        {
            var tp = Enumerable.Range(0, n).Count(i => predicted[i] == c && actual[i] == c);
            var fp = Enumerable.Range(0, n).Count(i => predicted[i] == c && actual[i] != c);
            var fn = Enumerable.Range(0, n).Count(i => predicted[i] != c && actual[i] == c);
            if (tp + fn > 0)
            {
                f1.Add(2.0 * tp / ((2.0 * tp) + fp + fn));
            }
        }

        var values = new Dictionary<string, double>
        {
            ["accuracy"] = Enumerable.Range(0, n).Count(i => predicted[i] == actual[i]) / (double)Math.Max(n, 1),
            ["macroF1"] = f1.DefaultIfEmpty().Average(),
            ["logLoss"] = logLoss,
        };
        return new ModelMetrics { Kind = ModelKind.Multiclass, Split = split, TrainRows = trainRows, HoldoutRows = n, Values = values };
    }
}
