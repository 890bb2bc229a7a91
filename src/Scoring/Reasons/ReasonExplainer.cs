using System.Globalization;
using CrmExtensions.Scoring.Features;
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
        var raw = bias + contributions.Sum();
        double score, baseScore, slope;
        if (model.Kind == ModelKind.Binary)
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

        var reasons = new List<Reason>(model.Features.Plans.Length);
        foreach (var plan in model.Features.Plans)
        {
            double sum = 0;
            for (var j = plan.FirstSlot; j < plan.FirstSlot + plan.SlotCount; j++)
            {
                sum += contributions[j];
            }

            var value = plan.Secured ? null : Display(plan, data.Find(plan.Name), row);
            reasons.Add(new Reason(plan.Name, value, sum, sum * slope));
        }

        return new Explanation(bias, raw, score, baseScore, reasons);
    }

    private static string Display(FeaturePlan plan, TabularColumn? column, int row)
    {
        if (column is null || column.IsMissing(row))
        {
            return "blank";
        }

        return plan.Kind switch
        {
            ColumnKind.Number => column.Numbers![row].ToString("G6", CultureInfo.InvariantCulture),
            ColumnKind.Date => Age(plan.ReferenceDay - column.Numbers![row]),
            ColumnKind.Category => Shorten(column.Strings![row]!),
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
