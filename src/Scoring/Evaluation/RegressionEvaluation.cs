using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Evaluation;

/// <summary>Regression hold-out metrics in the shared schema: rmse, mae, r2.</summary>
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

        return new ModelMetrics { Kind = ModelKind.Regression, Split = split, TrainRows = trainRows, HoldoutRows = n, Values = values };
    }
}
