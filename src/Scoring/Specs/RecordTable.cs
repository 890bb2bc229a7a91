using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// Typed columns from canonical records: numbers, money (base-currency amount) and yes/no as numbers; choices and
/// short text as categories (the choice value, which does not change with the user's language); long text as
/// text; dates and date-times as dates. A field absent or null on a record is missing.
/// </summary>
internal static class RecordTable
{
    /// <summary>The field types seen on the records (the first non-null value's type per field).</summary>
    public static Dictionary<string, FieldType> Fields(IEnumerable<CrmRecord> records)
    {
        var fields = new Dictionary<string, FieldType>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records)
        {
            foreach (var (field, value) in record.Values)
            {
                if (value is not null)
                {
                    fields.TryAdd(field, value.Type);
                }
            }
        }

        return fields;
    }

    public static TabularData Build(
        IReadOnlyList<CrmRecord> records, IEnumerable<KeyValuePair<string, FieldType>> fields, IReadOnlySet<string>? secured = null, IReadOnlyList<DateTimeOffset>? asOf = null)
    {
        var columns = new List<TabularColumn>();
        foreach (var (field, type) in fields)
        {
            var kind = type switch
            {
                FieldType.Number or FieldType.Money or FieldType.Bool => ColumnKind.Number,
                FieldType.Date or FieldType.DateTime => ColumnKind.Date,
                FieldType.LongText => ColumnKind.Text,
                FieldType.Text or FieldType.Option => ColumnKind.Category,
                _ => ColumnKind.Ignored,
            };
            if (kind == ColumnKind.Ignored)
            {
                continue;
            }

            var isSecured = secured?.Contains(field) == true;
            if (kind is ColumnKind.Number or ColumnKind.Date)
            {
                var numbers = records.Select(r => Number(r[field])).ToArray();
                columns.Add(new TabularColumn(field, kind, numbers, null) { Secured = isSecured });
            }
            else
            {
                var strings = records.Select(r => Text(r[field])).ToArray();
                var display = type == FieldType.Option ? records.Select(r => r[field] is OptionValue o ? o.Label ?? o.Value : null).ToArray() : null;
                columns.Add(new TabularColumn(field, kind, null, strings) { Secured = isSecured, Display = display });
            }
        }

        return new TabularData(columns, records.Count) { AsOfDays = asOf?.Select(CellParser.ToDays).ToArray() };
    }

    /// <summary>When a closed record's outcome was decided: the spec's decided-on field, else the record's last modification.</summary>
    public static DateTimeOffset DecidedAt(ModelSpec spec, CrmRecord record) => spec.DecidedOnField is { } field
        ? record[field] switch
        {
            DateTimeValue d => d.Value,
            DateValue d => new DateTimeOffset(d.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            _ => record.ModifiedOn,
        }
        : record.ModifiedOn;

    /// <summary>The label text of a value, for matching positive/negative values ("true"/"false" for yes/no).</summary>
    public static string? Text(FieldValue? value) => value switch
    {
        null => null,
        TextValue t => string.IsNullOrWhiteSpace(t.Value) ? null : t.Value.Trim(),
        LongTextValue t => string.IsNullOrWhiteSpace(t.Value) ? null : t.Value,
        OptionValue o => o.Value,
        BoolValue b => b.Value ? "true" : "false",
        NumberValue n => n.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        LookupValue l => l.Id,
        _ => null,
    };

    public static double Number(FieldValue? value) => value switch
    {
        NumberValue n => n.Value,
        MoneyValue m => m.BaseAmount is { } b ? (double)b : double.NaN,
        BoolValue b => b.Value ? 1 : 0,
        DateTimeValue d => CellParser.ToDays(d.Value),
        DateValue d => CellParser.ToDays(d.Value),
        _ => double.NaN,
    };
}
