using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Writing;

/// <summary>
/// The body of <c>PATCH composite/sobjects</c> (salesforce.md §3c): <c>allOrNone: false</c> so one bad record fails
/// alone, each record with <c>attributes.type</c> and <c>id</c>. A null value clears the field (JSON null; <c>#N/A</c>
/// is the Bulk CSV spelling, §4a).
/// </summary>
internal static class CollectionRequest
{
    public static string Build(string type, IReadOnlyList<RecordUpdate> updates)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteBoolean("allOrNone", false);
            w.WriteStartArray("records");
            foreach (var update in updates)
            {
                w.WriteStartObject();
                w.WriteStartObject("attributes");
                w.WriteString("type", type);
                w.WriteEndObject();
                w.WriteString("id", update.RecordId);
                foreach (var (field, value) in update.Fields)
                {
                    Soql.Identifier(field, "field");
                    w.WritePropertyName(field);
                    Write(w, type, field, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, string type, string field, FieldValue? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case TextValue t: w.WriteStringValue(t.Value); break;
            case LongTextValue t: w.WriteStringValue(t.Value); break;
            case NumberValue n: w.WriteNumberValue(n.Value); break;
            case BoolValue b: w.WriteBooleanValue(b.Value); break;
            // salesforce.md §2c: ISO-8601 in UTC.
            case DateTimeValue d: w.WriteStringValue(d.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)); break;
            case DateValue d: w.WriteStringValue(d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            // A picklist takes its API value; an option carried as a Dataverse-style number is written by its label.
            case OptionValue o: w.WriteStringValue(o.Label is not null && long.TryParse(o.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? o.Label : o.Value); break;
            case MoneyValue m: w.WriteNumberValue(m.Amount); break;
            case LookupValue l: w.WriteStringValue(l.Id); break;
            default: throw new InvalidOperationException($"{type}.{field}: a {value.Type} value cannot be written to Salesforce.");
        }
    }
}
