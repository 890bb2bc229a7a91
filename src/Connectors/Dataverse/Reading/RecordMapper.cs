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
        var properties = Properties(row);
        var id = properties[table.PrimaryId].GetString()!;
        var modifiedOn = properties.TryGetValue("modifiedon", out var m) && m.ValueKind == JsonValueKind.String ? ParseInstant(m.GetString()!) : now;
        return Map(properties, id, modifiedOn, carried: false);
    }

    /// <summary>
    /// Maps a row an event carried (a webhook entity image in Web API shape) with the same conversions as <see cref="Map(JsonElement, DateTimeOffset)"/>.
    /// Unlike a read row it may lack columns, labels, currencies and base amounts: a column that would not convert as a
    /// read converts it is left out; without <c>modifiedon</c> there is no record (null), as its order against stored copies is unknown.
    /// </summary>
    public CrmRecord? MapCarried(JsonElement row, string id)
    {
        var properties = Properties(row);
        if (!properties.TryGetValue("modifiedon", out var m) || m.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return Map(properties, id, ParseInstant(m.GetString()!), carried: true);
    }

    // One pass over the row: JsonElement.TryGetProperty scans linearly, and rows with annotations are wide.
    private static Dictionary<string, JsonElement> Properties(JsonElement row)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in row.EnumerateObject())
        {
            properties[property.Name] = property.Value;
        }

        return properties;
    }

    private CrmRecord Map(Dictionary<string, JsonElement> properties, string id, DateTimeOffset modifiedOn, bool carried)
    {
        var values = new List<KeyValuePair<string, FieldValue?>>(table.Columns.Count);
        foreach (var column in table.Columns)
        {
            var property = column.Type == FieldType.Lookup ? $"_{column.Name}_value" : column.Name;
            if (!properties.TryGetValue(property, out var value) || (carried && value.ValueKind != JsonValueKind.Null && !Complete(properties, column, property)))
            {
                continue;
            }

            values.Add(new(column.Name, value.ValueKind == JsonValueKind.Null ? null : Convert(properties, column, property, value)));
        }

        return CrmRecord.Create(Org, table.LogicalName, id, modifiedOn, values);
    }

    // What a read row always has and a carried one may not: the option's label (FormattedValues may be empty in an
    // image, UNVERIFIED), the row's currency and the column's base amount (only when the image lists those columns).
    private static bool Complete(Dictionary<string, JsonElement> row, ColumnInfo column, string property) => column.Type switch
    {
        FieldType.Option => row.ContainsKey(property + Formatted),
        FieldType.Money => row.ContainsKey("_transactioncurrencyid_value") && row.ContainsKey(column.Name + "_base"),
        _ => true,
    };

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
