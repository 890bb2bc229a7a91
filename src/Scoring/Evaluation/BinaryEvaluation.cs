using System.Text.Json;
using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Evaluation;

/// <summary>
/// Binary hold-out metrics in the shared schema: auc, prAuc, logLoss, brier, topDecileLift, positiveRate; in details the
/// calibration table, the ROC curve (<c>roc</c>) and lift/gain by decile (<c>deciles</c>).
/// </summary>
public static class BinaryEvaluation
{
    /// <summary>Area under the ROC curve (ties count half); NaN when only one class is present.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        long positives = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    rankSum += averageRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        long negatives = order.Length - positives;
        return positives == 0 || negatives == 0 ? double.NaN
            : (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Average precision (area under the precision-recall curve, step-wise).</summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var positives = labels.Count(l => l);
        if (positives == 0)
        {
            return double.NaN;
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double sum = 0;
        var truePositives = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var newPositives = 0;
            for (var k = i; k <= j; k++)
            {
                newPositives += labels[order[k]] ? 1 : 0;
            }

            truePositives += newPositives;
            sum += newPositives * (truePositives / (double)(j + 1));
            i = j + 1;
        }

        return sum / positives;
    }

    /// <summary>All binary figures for calibrated probabilities of the positive class.</summary>
    public static ModelMetrics Evaluate(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, string split, long trainRows)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        var n = probabilities.Count;
        double logLoss = 0, brier = 0;
        for (var i = 0; i < n; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            var y = labels[i] ? 1.0 : 0.0;
            logLoss -= (y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p));
            brier += (probabilities[i] - y) * (probabilities[i] - y);
        }

        var positiveRate = labels.Count(l => l) / (double)Math.Max(n, 1);
        var values = new Dictionary<string, double>
        {
            ["auc"] = Auc(probabilities, labels),
            ["prAuc"] = AveragePrecision(probabilities, labels),
            ["logLoss"] = logLoss / Math.Max(n, 1),
            ["brier"] = brier / Math.Max(n, 1),
            ["topDecileLift"] = TopDecileLift(probabilities, labels, positiveRate),
            ["positiveRate"] = positiveRate,
        };
        foreach (var undefined in values.Where(kv => double.IsNaN(kv.Value)).Select(kv => kv.Key).ToList())
        {
            values.Remove(undefined); // one class only in the hold-out: the figure does not exist
        }

        var details = JsonSerializer.SerializeToElement(new
        {
            calibration = Calibration(probabilities, labels),
            roc = BinaryCurves.Roc(probabilities, labels),
            deciles = BinaryCurves.Deciles(probabilities, labels),
        }, JsonDefaults.Options);
        return new ModelMetrics { Kind = ModelKind.Binary, Split = split, TrainRows = trainRows, HoldoutRows = n, Values = values, Details = details };
    }

    /// <summary>Ten equal-width probability bins with their mean prediction and observed positive rate (empty bins left out).</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        var bins = new List<CalibrationBin>();
        for (var b = 0; b < 10; b++)
        {
            double from = b / 10.0, to = (b + 1) / 10.0;
            var members = Enumerable.Range(0, probabilities.Count)
                .Where(i => probabilities[i] >= from && (probabilities[i] < to || (b == 9 && probabilities[i] <= 1))).ToArray();
            if (members.Length > 0)
            {
                bins.Add(new CalibrationBin(from, to, members.Length, members.Average(i => probabilities[i]), members.Average(i => labels[i] ? 1.0 : 0.0)));
            }
        }

        return bins;
    }

    private static double TopDecileLift(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double positiveRate)
    {
        var top = Math.Max(1, probabilities.Count / 10);
        var topRate = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).Take(top).Average(i => labels[i] ? 1.0 : 0.0);
        return positiveRate > 0 ? topRate / positiveRate : double.NaN;
    }
}
