using System.Text.Json;
using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Evaluation;

/// <summary>Regression hold-out metrics in the shared schema: rmse, mae, r2; predicted vs actual by decile in details (<c>predictedVsActual</c>).</summary>
public static class RegressionEvaluation
{
    /// <summary>Root mean squared error.</summary>
    public static double Rmse(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        double sum = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            sum += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
        }

        return Math.Sqrt(sum / Math.Max(predicted.Count, 1));
    }

    /// <summary>All regression figures.</summary>
    public static ModelMetrics Evaluate(IReadOnlyList<double> predicted, IReadOnlyList<double> actual, string split, long trainRows)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        var n = predicted.Count;
        var mean = n == 0 ? 0 : actual.Average();
        double absolute = 0, total = 0, residual = 0;
        for (var i = 0; i < n; i++)
        {
            absolute += Math.Abs(predicted[i] - actual[i]);
            residual += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        var values = new Dictionary<string, double>
        {
            ["rmse"] = Math.Sqrt(residual / Math.Max(n, 1)),
            ["mae"] = absolute / Math.Max(n, 1),
        };
        if (total > 0)
        {
            values["r2"] = 1 - (residual / total);
        }

        var details = JsonSerializer.SerializeToElement(new { predictedVsActual = ByDecile(predicted, actual) }, JsonDefaults.Options);
        return new ModelMetrics { Kind = ModelKind.Regression, Split = split, TrainRows = trainRows, HoldoutRows = n, Values = values, Details = details };
    }

    /// <summary>Mean prediction and mean actual value per decile of rows ranked by prediction (fewer bins with fewer than ten rows).</summary>
    public static IReadOnlyList<RegressionBin> ByDecile(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        var n = predicted.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => predicted[i]).ToArray();
        var bins = new List<RegressionBin>();
        for (var d = 0; d < 10; d++)
        {
            int from = d * n / 10, to = (d + 1) * n / 10;
            if (to > from)
            {
                var rows = order[from..to];
                bins.Add(new RegressionBin(d + 1, rows.Length, rows.Average(i => predicted[i]), rows.Average(i => actual[i])));
            }
        }

        return bins;
    }
}
