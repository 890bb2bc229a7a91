using System.Globalization;
using System.Text.Json;
using CrmExtensions.Connectors.Salesforce.Metadata;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Reading;

/// <summary>
/// Maps one query row (salesforce.md §2a) to a canonical record: picklist value + describe label, money with the
/// row's <c>CurrencyIsoCode</c> and the converted amount, references as lookups with their target object (polymorphic
/// ones resolved by key prefix), datetimes in UTC.
/// </summary>
internal sealed class RecordMapper(
    OrgId org, ObjectInfo info, IReadOnlyList<FieldInfo> fields, IReadOnlyDictionary<string, string> prefixes,
    Func<decimal, string, decimal?> toCorporate, string defaultCurrency)
{
    public CrmRecord Map(JsonElement row, string id, DateTimeOffset modifiedOn)
    {
        var currency = row.TryGetProperty("CurrencyIsoCode", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : defaultCurrency;
        var values = new List<KeyValuePair<string, FieldValue?>>(fields.Count);
        foreach (var field in fields)
        {
            if (field.Name is "Id" or "IsDeleted" || !row.TryGetProperty(field.Name, out var value))
            {
                continue;
            }

            // Salesforce keeps no empty text: an empty string reads as null, as Bulk CSV shows it (salesforce.md §4a).
            var empty = value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);
            values.Add(new(field.Name, empty ? null : Convert(field, value, currency)));
        }

        return CrmRecord.Create(org, info.Name, id, modifiedOn, values);
    }

    private FieldValue? Convert(FieldInfo field, JsonElement value, string currency) => field.Type switch
    {
        FieldType.Text => new TextValue(AsText(value)),
        FieldType.LongText => new LongTextValue(AsText(value)),
        FieldType.Number => new NumberValue(value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.Parse(value.GetString()!, CultureInfo.InvariantCulture)),
        FieldType.Bool => new BoolValue(value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && bool.Parse(value.GetString()!))),
        FieldType.DateTime => new DateTimeValue(ReadCursor.ParseInstant(value.GetString()!)),
        FieldType.Date => new DateValue(DateOnly.ParseExact(value.GetString()![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        FieldType.Option => new OptionValue(AsText(value), field.PicklistLabels.GetValueOrDefault(AsText(value))),
        FieldType.Lookup => Lookup(field, AsText(value)),
        FieldType.Money => Money(value, currency),
        _ => null,
    };

    private LookupValue? Lookup(FieldInfo field, string id)
    {
        var target = field.Targets.Count == 1 ? field.Targets[0]
            : id.Length >= 3 && prefixes.TryGetValue(id[..3], out var byPrefix) ? byPrefix
            : field.Targets.Count > 0 ? field.Targets[0] : null;
        return target is null ? null : new LookupValue(id, target);
    }

    private MoneyValue Money(JsonElement value, string currency)
    {
        var amount = value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture);
        return new MoneyValue(amount, currency, toCorporate(amount, currency));
    }

    private static string AsText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
