using System.Globalization;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Reasons;

/// <summary>Turns a model's per-slot contributions into per-field reasons for one row.</summary>
internal static class ReasonExplainer
{
    public static Explanation Explain(TabularModel model, TabularData data, int row, float[] x)
    {
        var contributions = new double[x.Length];
        var bias = model.Explain(x, contributions);
        var fields = new List<(string Field, string? Value, double Contribution)>(model.Features.Plans.Length);
        foreach (var plan in model.Features.Plans)
        {
            double sum = 0;
            for (var j = plan.FirstSlot; j < plan.FirstSlot + plan.SlotCount; j++)
            {
                sum += contributions[j];
            }

            fields.Add((plan.Name, plan.Secured ? null : Display(plan.Kind, data.AgeReference(row, plan.ReferenceDay), data.Find(plan.Name), row), sum));
        }

        return Compose(model.Kind, bias, fields);
    }

    /// <summary>Applies the documented points transformation (see <see cref="Explanation"/>) to per-field contributions.</summary>
    public static Explanation Compose(ModelKind kind, double bias, IReadOnlyList<(string Field, string? Value, double Contribution)> fields)
    {
        var raw = bias + fields.Sum(f => f.Contribution);
        double score, baseScore, slope;
        if (kind == ModelKind.Binary)
        {
            score = 100 * Platt.Sigmoid(raw);
            baseScore = 100 * Platt.Sigmoid(bias);
            var p = score / 100;
            slope = Math.Abs(raw - bias) > 1e-9 ? (score - baseScore) / (raw - bias) : 100 * p * (1 - p);
        }
        else
        {
            score = raw;
            baseScore = bias;
            slope = 1;
        }

        return new Explanation(bias, raw, score, baseScore, [.. fields.Select(f => new Reason(f.Field, f.Value, f.Contribution, f.Contribution * slope))])
        {
            MinimumPoints = kind == ModelKind.Binary ? 0.5 : Math.Max(0.01 * fields.Sum(f => Math.Abs(f.Contribution)), 1e-12),
        };
    }

    internal static string Display(ColumnKind kind, double referenceDay, TabularColumn? column, int row)
    {
        if (column is null || column.IsMissing(row))
        {
            return "blank";
        }

        return kind switch
        {
            ColumnKind.Number => column.Numbers![row].ToString("G6", CultureInfo.InvariantCulture),
            ColumnKind.Date => Age(referenceDay - column.Numbers![row]),
            ColumnKind.Category => Shorten(column.Display?[row] ?? column.Strings![row]!),
            _ => "text",
        };
    }

    private static string Age(double days) => days switch
    {
        < 0 => "in the future",
        < 1 => "today",
        _ => $"{Math.Floor(days).ToString(CultureInfo.InvariantCulture)} days ago",
    };

    private static string Shorten(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 59), "…");
}
