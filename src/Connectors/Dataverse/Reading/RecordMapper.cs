using System.Globalization;
using System.Text.Json;
using CrmExtensions.Connectors.Dataverse.Metadata;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Reading;

/// <summary>
/// Maps one Web API row (read with <c>Prefer: odata.include-annotations="*"</c>, dataverse.md §1) to a canonical record:
/// option value + formatted label, lookups from <c>_x_value</c> + <c>lookuplogicalname</c>, money with transaction
/// currency and <c>_base</c> amount, UTC instants and date-only values.
/// </summary>
internal sealed class RecordMapper(OrgId org, TableInfo table, IReadOnlyDictionary<string, string> currencies, string? baseCurrency)
{
    private const string Formatted = "@OData.Community.Display.V1.FormattedValue";
    private const string LookupTarget = "@Microsoft.Dynamics.CRM.lookuplogicalname";

    public OrgId Org => org;

    public CrmRecord Map(JsonElement row, DateTimeOffset now)
    {
        // One pass over the row: JsonElement.TryGetProperty scans linearly, and rows with annotations are wide.
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in row.EnumerateObject())
        {
            properties[property.Name] = property.Value;
        }

        var id = properties[table.PrimaryId].GetString()!;
        var modifiedOn = properties.TryGetValue("modifiedon", out var m) && m.ValueKind == JsonValueKind.String ? ParseInstant(m.GetString()!) : now;
        var values = new List<KeyValuePair<string, FieldValue?>>(table.Columns.Count);
        foreach (var column in table.Columns)
        {
            var property = column.Type == FieldType.Lookup ? $"_{column.Name}_value" : column.Name;
            if (!properties.TryGetValue(property, out var value))
            {
                continue;
            }

            values.Add(new(column.Name, value.ValueKind == JsonValueKind.Null ? null : Convert(properties, column, property, value)));
        }

        return CrmRecord.Create(Org, table.LogicalName, id, modifiedOn, values);
    }

    private FieldValue? Convert(Dictionary<string, JsonElement> row, ColumnInfo column, string property, JsonElement value) => column.Type switch
    {
        FieldType.Text => new TextValue(AsText(value)),
        FieldType.LongText => new LongTextValue(AsText(value)),
        FieldType.Number => new NumberValue(value.GetDouble()),
        FieldType.Bool => new BoolValue(value.GetBoolean()),
        FieldType.DateTime => new DateTimeValue(ParseInstant(value.GetString()!)),
        // Date-only columns come as "yyyy-MM-dd" (dataverse.md §8, e.g. actualclosedate).
        FieldType.Date => new DateValue(DateOnly.ParseExact(value.GetString()![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        FieldType.Option => new OptionValue(AsText(value), FormattedValue(row, property)),
        FieldType.Lookup => Lookup(row, column, property, value),
        FieldType.Money => Money(row, column, value),
        _ => null,
    };

    private static LookupValue? Lookup(Dictionary<string, JsonElement> row, ColumnInfo column, string property, JsonElement value)
    {
        var target = row.TryGetValue(property + LookupTarget, out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : column.Targets.Count == 1 ? column.Targets[0] : null;
        return target is null ? null : new LookupValue(value.GetString()!, target);
    }

    private MoneyValue? Money(Dictionary<string, JsonElement> row, ColumnInfo column, JsonElement value)
    {
        var currency = row.TryGetValue("_transactioncurrencyid_value", out var c) && c.ValueKind == JsonValueKind.String
            && currencies.TryGetValue(Guid.Parse(c.GetString()!).ToString("d"), out var code)
                ? code
                : baseCurrency;
        if (currency is null)
        {
            return null;
        }

        decimal? baseAmount = row.TryGetValue(column.Name + "_base", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDecimal() : null;
        return new MoneyValue(value.GetDecimal(), currency, baseAmount);
    }

    private static string? FormattedValue(Dictionary<string, JsonElement> row, string property) =>
        row.TryGetValue(property + Formatted, out var label) && label.ValueKind == JsonValueKind.String ? label.GetString() : null;

    private static string AsText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
