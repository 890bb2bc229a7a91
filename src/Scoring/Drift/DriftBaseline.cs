using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Drift;

/// <summary>
/// The training distribution of every field, saved with the model: numbers and dates in (up to) ten quantile bins
/// plus a missing bin; categories and text by the model's levels plus "other" and missing.
/// </summary>
internal sealed class DriftBaseline
{
    public required FieldBaseline[] Fields { get; init; }

    public static DriftBaseline Fit(TabularData data)
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

        return new DriftBaseline { Fields = [.. fields] };
    }

    /// <summary>PSI per field of <paramref name="current"/> against this baseline; fields absent from it are skipped.</summary>
    public IReadOnlyList<FeatureDrift> Compare(TabularData current, double threshold = 0.25)
    {
        var result = new List<FeatureDrift>();
        foreach (var field in Fields)
        {
            if (current.Find(field.Name) is not { } column || column.Length == 0)
            {
                continue;
            }

            var actual = field.Measure(column);
            double psi = 0;
            for (var b = 0; b < actual.Length; b++)
            {
                // A small floor keeps empty bins finite, as PSI implementations usually do.
                var e = Math.Max(field.Proportions[b], 1e-4);
                var a = Math.Max(actual[b], 1e-4);
                psi += (a - e) * Math.Log(a / e);
            }

            result.Add(new FeatureDrift(field.Name, psi, psi >= threshold));
        }

        return result;
    }
}
