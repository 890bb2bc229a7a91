using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// The dates (and amounts) of a spec's related records by parent id, per aggregate: all that the aggregates need, so
/// the related records themselves need not be kept. Fill with <see cref="Add"/>; not thread-safe while filling.
/// </summary>
public sealed class RelatedIndex
{
    private readonly ModelSpec _spec;

    internal RelatedIndex(ModelSpec spec)
    {
        _spec = spec;
        Groups = [.. spec.Related.Select(_ => new Dictionary<string, List<(double Day, double Amount)>>(StringComparer.Ordinal))];
    }

    internal Dictionary<string, List<(double Day, double Amount)>>[] Groups { get; }

    /// <summary>Adds one related record to every aggregate of its table (deleted records and records without a parent or date are skipped).</summary>
    public void Add(CrmRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Deleted)
        {
            return;
        }

        for (var a = 0; a < _spec.Related.Count; a++)
        {
            var aggregate = _spec.Related[a];
            if (!string.Equals(record.Entity, aggregate.Entity, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var day = RecordTable.Number(record[aggregate.DateField]);
            if (record[aggregate.ParentField] is not LookupValue parent || double.IsNaN(day))
            {
                continue;
            }

            var amount = aggregate.AmountField is null ? 0 : RecordTable.Number(record[aggregate.AmountField]);
            if (!Groups[a].TryGetValue(parent.Id, out var list))
            {
                Groups[a][parent.Id] = list = [];
            }

            list.Add((day, double.IsNaN(amount) ? 0 : amount));
        }
    }
}
