using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Connectors.Dataverse.Metadata;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Writing;

/// <summary>
/// Builds a <c>$batch</c> body of independent <c>PATCH {set}({id})</c> requests with <c>If-Match: *</c> — no change
/// sets, so one failing record does not roll back the others (dataverse.md §3 "$batch" and "PATCH = update or upsert":
/// If-Match: * makes the PATCH a pure update that answers 404 when the record is gone).
/// </summary>
internal static class BatchRequest
{
    public static (string Boundary, string Body) Build(Uri apiRoot, TableInfo table, IReadOnlyList<RecordUpdate> updates, Func<string, string?> entitySetOf)
    {
        var boundary = "batch_" + Guid.NewGuid().ToString("d");
        var body = new StringBuilder();
        foreach (var update in updates)
        {
            body.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append("PATCH ").Append(apiRoot.AbsolutePath).Append(table.EntitySetName).Append('(').Append(Guid.Parse(update.RecordId).ToString("d")).Append(") HTTP/1.1\r\n")
                .Append("Content-Type: application/json; type=entry\r\n")
                .Append("If-Match: *\r\n\r\n")
                .Append(Json(table, update, entitySetOf)).Append("\r\n");
        }

        body.Append("--").Append(boundary).Append("--\r\n");
        return (boundary, body.ToString());
    }

    private static string Json(TableInfo table, RecordUpdate update, Func<string, string?> entitySetOf)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (field, value) in update.Fields)
            {
                if (value is LookupValue lookup)
                {
                    // dataverse.md §3: lookups are set with "<navprop>@odata.bind": "<set>(<id>)".
                    var set = entitySetOf(lookup.TargetEntity) ?? throw new InvalidOperationException($"{table.LogicalName}.{field}: unknown lookup target table.");
                    w.WriteString(field + "@odata.bind", $"{set}({lookup.Id})");
                    continue;
                }

                w.WritePropertyName(field);
                switch (value)
                {
                    case null:
                        w.WriteNullValue();
                        break;
                    case TextValue t:
                        w.WriteStringValue(t.Value);
                        break;
                    case LongTextValue t:
                        w.WriteStringValue(t.Value);
                        break;
                    case NumberValue n:
                        w.WriteNumberValue(n.Value);
                        break;
                    case BoolValue b:
                        w.WriteBooleanValue(b.Value);
                        break;
                    case DateTimeValue d:
                        w.WriteStringValue(d.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                        break;
                    case DateValue d:
                        w.WriteStringValue(d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        break;
                    case OptionValue o when int.TryParse(o.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var option):
                        w.WriteNumberValue(option);
                        break;
                    case MoneyValue m:
                        w.WriteNumberValue(m.Amount);
                        break;
                    default:
                        throw new InvalidOperationException($"{table.LogicalName}.{field}: a {value.Type} value cannot be written to Dataverse.");
                }
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
