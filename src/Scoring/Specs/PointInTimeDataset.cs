using System.Globalization;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// Point-in-time rows for churn and customer value: each parent record (e.g. account) as of a cut-off T, with
/// aggregates of its events (e.g. orders) dated at or before T only — count and base-currency spend in each window
/// and days since the last event — and a label from the events in (T, T + horizon]. Churn (binary): among parents
/// with an event in the longest window before T, 1 when they have none in the horizon. Value (regression): the
/// spend in the horizon. Parents created after T get no label. Events dated after T never reach the features.
/// </summary>
public static class PointInTimeDataset
{
    /// <summary>The aggregate field names added for <paramref name="spec"/>.</summary>
    public static IReadOnlyList<string> AggregateFields(ModelSpec spec)
    {
        var pit = Require(spec);
        var prefix = Prefix(pit);
        return
        [
            .. pit.WindowDays.SelectMany(w => new[] { Invariant($"{prefix}_{w}d_count"), Invariant($"{prefix}_{w}d_spend") }),
            $"days_since_last_{prefix}",
        ];
    }

    /// <summary>Training rows as of <paramref name="cutoff"/>, with labels (NaN = not labelled).</summary>
    public static (IReadOnlyList<CrmRecord> Records, IReadOnlyList<double> Labels) Build(
        ModelSpec spec, IReadOnlyList<CrmRecord> parents, IReadOnlyList<CrmRecord> events, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(parents);
        var pit = Require(spec);
        var byParent = Group(pit, events);
        var t = Day(cutoff);
        var records = new List<CrmRecord>();
        var labels = new List<double>();
        var longest = pit.WindowDays.Count == 0 ? 365 : pit.WindowDays.Max();
        foreach (var parent in parents.Where(p => !p.Deleted))
        {
            if (CreatedAfter(spec, parent, t))
            {
                continue;
            }

            var history = byParent.GetValueOrDefault(parent.Id) ?? [];
            records.Add(AsOf(spec, pit, parent, history, t));
            var future = history.Where(e => e.Day > t && e.Day <= t + pit.HorizonDays).ToList();
            if (spec.Kind == ModelKind.Regression)
            {
                labels.Add(future.Sum(e => e.Amount));
            }
            else
            {
                var active = history.Any(e => e.Day <= t && e.Day > t - longest);
                labels.Add(!active ? double.NaN : future.Count == 0 ? 1 : 0);
            }
        }

        return (records, labels);
    }

    /// <summary>Rows to score as of <paramref name="asOf"/> (usually now), with the same aggregates as training.</summary>
    public static IReadOnlyList<CrmRecord> Features(ModelSpec spec, IReadOnlyList<CrmRecord> parents, IReadOnlyList<CrmRecord> events, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(parents);
        var pit = Require(spec);
        var byParent = Group(pit, events);
        var t = Day(asOf);
        return [.. parents.Where(p => !p.Deleted).Select(p => AsOf(spec, pit, p, byParent.GetValueOrDefault(p.Id) ?? [], t))];
    }

    private static CrmRecord AsOf(ModelSpec spec, PointInTimeSpec pit, CrmRecord parent, List<(double Day, double Amount)> history, double t)
    {
        var past = history.Where(e => e.Day <= t).ToList();
        var prefix = Prefix(pit);
        // Replace, never duplicate, aggregates a record may already carry (rows built twice).
        var values = parent.Values.Where(v => !v.Key.StartsWith(prefix + "_", StringComparison.OrdinalIgnoreCase)
            && !v.Key.Equals($"days_since_last_{prefix}", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var window in pit.WindowDays)
        {
            var inWindow = past.Where(e => e.Day > t - window).ToList();
            values.Add(new(Invariant($"{prefix}_{window}d_count"), new NumberValue(inWindow.Count)));
            values.Add(new(Invariant($"{prefix}_{window}d_spend"), new NumberValue(inWindow.Sum(e => e.Amount))));
        }

        values.Add(new($"days_since_last_{prefix}", past.Count == 0 ? null : new NumberValue(Math.Floor(t - past.Max(e => e.Day)))));
        return CrmRecord.Create(parent.Org, spec.Entity, parent.Id, parent.ModifiedOn, values);
    }

    private static Dictionary<string, List<(double Day, double Amount)>> Group(PointInTimeSpec pit, IReadOnlyList<CrmRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var groups = new Dictionary<string, List<(double Day, double Amount)>>(StringComparer.Ordinal);
        foreach (var e in events.Where(e => !e.Deleted && string.Equals(e.Entity, pit.EventEntity, StringComparison.OrdinalIgnoreCase)))
        {
            if (e[pit.ParentField] is not LookupValue parent)
            {
                continue;
            }

            var day = RecordTable.Number(e[pit.DateField]);
            if (double.IsNaN(day))
            {
                continue;
            }

            var amount = RecordTable.Number(e[pit.AmountField]);
            if (!groups.TryGetValue(parent.Id, out var list))
            {
                groups[parent.Id] = list = [];
            }

            list.Add((day, double.IsNaN(amount) ? 0 : amount));
        }

        return groups;
    }

    private static bool CreatedAfter(ModelSpec spec, CrmRecord parent, double t) =>
        spec.TimeField is { } field && RecordTable.Number(parent[field]) is var created && !double.IsNaN(created) && created > t;

    private static PointInTimeSpec Require(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.PointInTime ?? throw new ArgumentException($"Spec '{spec.Name}' has no point-in-time settings.", nameof(spec));
    }

    private static string Prefix(PointInTimeSpec pit) => pit.EventEntity.ToLowerInvariant();

    private static double Day(DateTimeOffset value) => Tabular.CellParser.ToDays(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
