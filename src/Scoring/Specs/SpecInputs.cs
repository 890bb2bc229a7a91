namespace CrmExtensions.Scoring.Specs;

/// <summary>Which fields of a record scoring it needs, so a caller can tell whether a partial copy of the record is enough.</summary>
public static class SpecInputs
{
    /// <summary>
    /// The record's own fields among a model's <paramref name="features"/> (aggregates of related records come from the
    /// store, not the record), plus the label field, which decides whether the record is open and so scored.
    /// </summary>
    public static IReadOnlySet<string> RecordFields(ModelSpec spec, IEnumerable<string> features)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(features);
        var aggregates = spec.PointInTime is null ? [] : PointInTimeDataset.AggregateFields(spec);
        var fields = features
            .Where(f => !aggregates.Contains(f, StringComparer.OrdinalIgnoreCase) && !spec.Related.Any(r => RelatedAggregates.IsAggregate(r, f)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (spec.Label is { } label && spec.PointInTime is null)
        {
            fields.Add(label.Field);
        }

        return fields;
    }
}
