using System.Globalization;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// Adds a spec's related-record aggregates to its records. Each record is measured as of its own time: a closed
/// record as of when it was decided (the spec's <see cref="ModelSpec.DecidedOnField"/>, else its last
/// modification), an open one as of the scoring time, so activity logged after the outcome never becomes a feature.
/// </summary>
public static class RelatedAggregates
{
    /// <summary>Records with aggregate fields added; <paramref name="related"/> holds the related tables' records.</summary>
    public static IReadOnlyList<CrmRecord> Add(ModelSpec spec, IReadOnlyList<CrmRecord> records, IReadOnlyList<CrmRecord> related, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(related);
        var index = StartIndex(spec);
        foreach (var record in related)
        {
            index.Add(record);
        }

        return Add(spec, records, index, now);
    }

    /// <summary>
    /// An index of the related tables' dates and amounts by parent id, filled record by record (so a scoring run can
    /// stream the related tables once instead of holding them, and reuse the index for every chunk it scores).
    /// </summary>
    public static RelatedIndex StartIndex(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new RelatedIndex(spec);
    }

    /// <summary>Records with aggregate fields added from an index built with <see cref="StartIndex"/>.</summary>
    public static IReadOnlyList<CrmRecord> Add(ModelSpec spec, IReadOnlyList<CrmRecord> records, RelatedIndex index, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(index);
        if (spec.Related.Count == 0)
        {
            return records;
        }

        var groups = index.Groups;
        var result = new List<CrmRecord>(records.Count);
        foreach (var record in records)
        {
            var t = AsOf(spec, record, now);
            var values = record.Values.Where(v => !spec.Related.Any(a => IsAggregate(a, v.Key))).ToList();
            for (var a = 0; a < spec.Related.Count; a++)
            {
                var aggregate = spec.Related[a];
                var prefix = aggregate.Entity.ToLowerInvariant();
                var past = (groups[a].GetValueOrDefault(record.Id) ?? []).Where(e => e.Day <= t).ToList();
                foreach (var window in aggregate.WindowDays)
                {
                    var inWindow = past.Where(e => e.Day > t - window).ToList();
                    values.Add(new(Invariant($"{prefix}_{window}d_count"), new NumberValue(inWindow.Count)));
                    if (aggregate.AmountField is not null)
                    {
                        values.Add(new(Invariant($"{prefix}_{window}d_amount"), new NumberValue(inWindow.Sum(e => e.Amount))));
                    }
                }

                values.Add(new($"days_since_last_{prefix}", past.Count == 0 ? null : new NumberValue(Math.Floor(t - past.Max(e => e.Day)))));
            }

            result.Add(CrmRecord.Create(record.Org, record.Entity, record.Id, record.ModifiedOn, values));
        }

        return result;
    }

    // Replace, never duplicate, aggregates a record may already carry (rows built twice).
    internal static bool IsAggregate(RelatedAggregate aggregate, string field)
    {
        var prefix = aggregate.Entity.ToLowerInvariant();
        return field.StartsWith(prefix + "_", StringComparison.OrdinalIgnoreCase) || field.Equals($"days_since_last_{prefix}", StringComparison.OrdinalIgnoreCase);
    }

    private static double AsOf(ModelSpec spec, CrmRecord record, DateTimeOffset now)
    {
        if (spec.Label is null || double.IsNaN(SpecLabels.Of(spec, record)))
        {
            return CellParser.ToDays(now);
        }

        return CellParser.ToDays(RecordTable.DecidedAt(spec, record));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
