using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Drift;

/// <summary>
/// Measures drift over a scoring run chunk by chunk: it keeps only bin counts per field, so a run over a million
/// records needs no more memory than one over a hundred. Not thread-safe: one meter per run.
/// </summary>
public sealed class DriftMeter
{
    private readonly DriftBaseline _baseline;
    private readonly double[]?[] _counts;
    private readonly long[] _rows;

    internal DriftMeter(DriftBaseline baseline)
    {
        _baseline = baseline;
        _counts = new double[]?[baseline.Fields.Length];
        _rows = new long[baseline.Fields.Length];
    }

    /// <summary>Rows measured so far (the largest count over fields).</summary>
    public long Rows => _rows.Length == 0 ? 0 : _rows.Max();

    internal void Add(TabularData chunk)
    {
        for (var f = 0; f < _baseline.Fields.Length; f++)
        {
            var field = _baseline.Fields[f];
            if (chunk.Find(field.Name) is not { } column || column.Length == 0)
            {
                continue;
            }

            var counts = _counts[f] ??= new double[field.BinCount(column)];
            field.Count(column, counts);
            _rows[f] += column.Length;
        }
    }

    /// <summary>The bin counts gathered so far, to be added to another meter of the same model (<see cref="Add(DriftCounts)"/>).</summary>
    public DriftCounts Counts() =>
        new([.. _baseline.Fields.Select((field, f) => (field, f)).Where(x => _counts[x.f] is not null && _rows[x.f] > 0)
            .Select(x => new FieldCounts(x.field.Name, _rows[x.f], [.. _counts[x.f]!]))]);

    /// <summary>
    /// Adds counts another meter of the same model version gathered (a shard of the same run): afterwards
    /// <see cref="Result"/> is what one meter over both sets of rows would give. Throws when the counts do not fit
    /// this model's bins (a meter of another version).
    /// </summary>
    public void Add(DriftCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var field in counts.Fields)
        {
            var f = Array.FindIndex(_baseline.Fields, b => string.Equals(b.Name, field.Field, StringComparison.Ordinal));
            if (f < 0 || (_counts[f] is { } existing && existing.Length != field.Bins.Count))
            {
                throw new InvalidDataException($"Drift counts of field '{field.Field}' do not fit this model's bins; they come from another model version.");
            }

            var bins = _counts[f] ??= new double[field.Bins.Count];
            for (var b = 0; b < bins.Length; b++)
            {
                bins[b] += field.Bins[b];
            }

            _rows[f] += field.Rows;
        }
    }

    /// <summary>
    /// PSI per field measured so far, Σ (actual − expected) × ln(actual / expected) over its bins (proportions floored
    /// at 1e-4 so empty bins stay finite); fields at or above <paramref name="threshold"/> are drifted.
    /// </summary>
    public IReadOnlyList<FeatureDrift> Result(double threshold = 0.25)
    {
        var result = new List<FeatureDrift>();
        for (var f = 0; f < _baseline.Fields.Length; f++)
        {
            if (_counts[f] is not { } counts || _rows[f] == 0)
            {
                continue;
            }

            var field = _baseline.Fields[f];
            double psi = 0;
            for (var b = 0; b < counts.Length; b++)
            {
                var e = Math.Max(b < field.Proportions.Length ? field.Proportions[b] : 0, 1e-4);
                var a = Math.Max(counts[b] / _rows[f], 1e-4);
                psi += (a - e) * Math.Log(a / e);
            }

            result.Add(new FeatureDrift(field.Name, psi, psi >= threshold));
        }

        return result;
    }
}
