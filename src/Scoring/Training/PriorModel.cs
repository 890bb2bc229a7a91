using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Reasons;
using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Training;

/// <summary>
/// The transparent prior used when there are too few closed records to train a model (no model is faked).
/// Naive-Bayes-like: log-odds = logit(base rate) + Σ per field [logit(smoothed rate of the record's value) −
/// logit(base rate)], where a value's rate is (positives + <see cref="Smoothing"/> × base rate) /
/// (rows + <see cref="Smoothing"/>). Numbers and dates use quartile bins; each field's term is its reason.
/// </summary>
internal sealed class PriorModel
{
    public const double Smoothing = 10;

    private static readonly double[] Quartiles = [0.25, 0.5, 0.75];

    public required double BaseRate { get; init; }

    public required PriorField[] Fields { get; init; }

    public static PriorModel Fit(TabularData data, IReadOnlyList<bool> labels)
    {
        var n = labels.Count;
        var positives = labels.Count(l => l);
        var baseRate = (positives + 0.5) / (n + 1.0);
        var fields = new List<PriorField>();
        foreach (var column in data.Columns.Where(c => c.Kind != ColumnKind.Text))
        {
            double[] edges = [];
            if (column.Numbers is { } numbers)
            {
                var present = numbers.Where(v => !double.IsNaN(v)).Order().ToArray();
                edges = present.Length == 0 ? [] : [.. Quartiles.Select(q => present[(int)(q * (present.Length - 1))]).Distinct()];
            }

            var counts = new Dictionary<string, (int Rows, int Positives)>(StringComparer.Ordinal);
            for (var row = 0; row < column.Length; row++)
            {
                var key = Key(column, row, edges);
                var (rows, pos) = counts.GetValueOrDefault(key);
                counts[key] = (rows + 1, pos + (labels[row] ? 1 : 0));
            }

            var logOdds = counts.ToDictionary(
                kv => kv.Key,
                kv => Logit((kv.Value.Positives + (Smoothing * baseRate)) / (kv.Value.Rows + Smoothing)) - Logit(baseRate),
                StringComparer.Ordinal);
            var reference = column.Kind == ColumnKind.Date && column.Numbers!.Any(v => !double.IsNaN(v)) ? column.Numbers!.Where(v => !double.IsNaN(v)).Max() : double.NaN;
            fields.Add(new PriorField { Name = column.Name, Kind = column.Kind, Secured = column.Secured, Edges = edges, LogOdds = logOdds, ReferenceDay = reference });
        }

        return new PriorModel { BaseRate = baseRate, Fields = [.. fields] };
    }

    public Explanation Explain(TabularData data, int row)
    {
        var terms = new List<(string Field, string? Value, double Contribution)>();
        foreach (var field in Fields)
        {
            var column = data.Find(field.Name);
            var contribution = column is null ? 0 : field.LogOdds.GetValueOrDefault(Key(column, row, field.Edges));
            terms.Add((field.Name, field.Secured ? null : ReasonExplainer.Display(field.Kind, data.AgeReference(row, field.ReferenceDay), column, row), contribution));
        }

        return ReasonExplainer.Compose(ModelKind.Binary, Logit(BaseRate), terms);
    }

    private static string Key(TabularColumn column, int row, double[] edges)
    {
        if (column.IsMissing(row))
        {
            return "\u0000missing";
        }

        if (column.Numbers is { } numbers)
        {
            var bin = 0;
            while (bin < edges.Length && numbers[row] > edges[bin])
            {
                bin++;
            }

            return "\u0000bin" + bin.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return column.Strings![row]!;
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
