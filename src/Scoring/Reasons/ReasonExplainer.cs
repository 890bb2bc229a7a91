using System.Globalization;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Reasons;

/// <summary>Turns a model's per-slot contributions into per-field reasons for one row.</summary>
internal static class ReasonExplainer
{
    public static Explanation Explain(TabularModel model, TabularData data, int row, float[] x) =>
        Explain(model, data, row, x, new Scratch(model), null);

    /// <summary>
    /// Like the other overload, reusing <paramref name="scratch"/> for the per-slot contributions (one per batch), and
    /// labelling each reason from <paramref name="labels"/> when given (a reason whose field has no label gets none).
    /// </summary>
    public static Explanation Explain(TabularModel model, TabularData data, int row, float[] x, Scratch scratch, IReadOnlyDictionary<string, string>? labels)
    {
        var contributions = scratch.Contributions(x.Length);
        var bias = model.Explain(x, contributions, scratch.Trees(x.Length));
        var fields = new (string Field, string? Value, double Contribution)[model.Features.Plans.Length];
        var f = 0;
        foreach (var plan in model.Features.Plans)
        {
            double sum = 0;
            for (var j = plan.FirstSlot; j < plan.FirstSlot + plan.SlotCount; j++)
            {
                sum += contributions[j];
            }

            fields[f++] = (plan.Name, plan.Secured ? null : Display(plan.Kind, data.AgeReference(row, plan.ReferenceDay), data.Find(plan.Name), row), sum);
        }

        return Compose(model.Kind, bias, fields, labels);
    }

    /// <summary>Applies the documented points transformation (see <see cref="Explanation"/>) to per-field contributions.</summary>
    public static Explanation Compose(ModelKind kind, double bias, IReadOnlyList<(string Field, string? Value, double Contribution)> fields) =>
        Compose(kind, bias, fields, null);

    private static Explanation Compose(
        ModelKind kind, double bias, IReadOnlyList<(string Field, string? Value, double Contribution)> fields, IReadOnlyDictionary<string, string>? labels)
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

        var reasons = new Reason[fields.Count];
        for (var i = 0; i < reasons.Length; i++)
        {
            var (field, value, contribution) = fields[i];
            reasons[i] = labels is null
                ? new Reason(field, value, contribution, contribution * slope)
                : new Reason(field, value, contribution, contribution * slope) { Label = labels.GetValueOrDefault(field) };
        }

        return new Explanation(bias, raw, score, baseScore, reasons)
        {
            MinimumPoints = kind == ModelKind.Binary ? 0.5 : Math.Max(0.01 * fields.Sum(f => Math.Abs(f.Contribution)), 1e-12),
        };
    }

    /// <summary>Per-batch buffers for <see cref="Explain(TabularModel, TabularData, int, float[], Scratch, IReadOnlyDictionary{string, string}?)"/>; one thread at a time.</summary>
    internal sealed class Scratch(TabularModel model)
    {
        private double[] _contributions = new double[model.Features.Width];
        private double[] _trees = new double[model.Features.Width];

        public Span<double> Contributions(int width) => Grow(ref _contributions, width);

        public Span<double> Trees(int width) => Grow(ref _trees, width);

        private static Span<double> Grow(ref double[] buffer, int width)
        {
            if (buffer.Length < width)
            {
                buffer = new double[width];
            }

            return buffer.AsSpan(0, width);
        }
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
