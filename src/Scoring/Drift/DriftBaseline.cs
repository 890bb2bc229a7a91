using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Drift;

/// <summary>
/// The training distribution of every field, saved with the model: numbers and dates in (up to) ten quantile bins
/// plus a missing bin; categories and text by the model's levels plus "other" and missing.
/// </summary>
internal sealed class DriftBaseline
{
    /// <summary>The fewest open records a baseline is fitted on; below it, the training rows are the baseline.</summary>
    public const int MinimumRows = 100;

    public required FieldBaseline[] Fields { get; init; }

    /// <summary>What the baseline was fitted on: <c>training</c> rows (older versions say nothing) or the <c>open</c> records at training time.</summary>
    public string? Reference { get; init; }

    /// <summary>How many rows it was fitted on (0 in versions saved before this was recorded).</summary>
    public int Rows { get; init; }

    public static DriftBaseline Fit(TabularData data, string reference = "training")
    {
        var fields = new List<FieldBaseline>();
        foreach (var column in data.Columns)
        {
            if (column.Numbers is { } numbers)
            {
                var present = numbers.Where(v => !double.IsNaN(v)).Order().ToArray();
                var edges = present.Length == 0 ? []
                    : Enumerable.Range(1, 9).Select(i => present[(int)((long)i * (present.Length - 1) / 10)]).Distinct().ToArray();
                var baseline = new FieldBaseline { Name = column.Name, Edges = edges, Levels = [] };
                fields.Add(baseline with { Proportions = baseline.Measure(column) });
            }
            else
            {
                var levels = column.Strings!.Where(s => s is not null).GroupBy(s => s!, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count()).Take(30).Select(g => g.Key).ToArray();
                var baseline = new FieldBaseline { Name = column.Name, Edges = [], Levels = levels };
                fields.Add(baseline with { Proportions = baseline.Measure(column) });
            }
        }

        return new DriftBaseline { Fields = [.. fields], Reference = reference, Rows = data.RowCount };
    }

    /// <summary>PSI per field of <paramref name="current"/> against this baseline; fields absent from it are skipped.</summary>
    public IReadOnlyList<FeatureDrift> Compare(TabularData current, double threshold = 0.25)
    {
        var meter = new DriftMeter(this);
        meter.Add(current);
        return meter.Result(threshold);
    }
}
