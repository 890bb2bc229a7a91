using System.Globalization;
using System.Text;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Writing;

/// <summary>
/// The CSV of a Bulk API 2.0 update job (salesforce.md §4a step 2): UTF-8, comma, LF, a header of API names
/// (<c>Id</c> first, then every field any record sets), every value quoted with <c>""</c> escaping. An empty cell
/// leaves a field alone (a record that does not set it), <c>#N/A</c> clears it (null, or empty text: Salesforce keeps
/// no empty strings); values are not trimmed by the platform, so none are padded here.
/// </summary>
internal static class CsvRequest
{
    public const string Clear = "#N/A";

    public static string Build(string type, IReadOnlyList<RecordUpdate> updates)
    {
        var fields = updates.SelectMany(u => u.Fields.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        foreach (var field in fields)
        {
            Soql.Identifier(field, "field");
        }

        var csv = new StringBuilder();
        Line(csv, ["Id", .. fields]);
        foreach (var update in updates)
        {
            var cells = new List<string>(fields.Count + 1) { update.RecordId };
            foreach (var field in fields)
            {
                cells.Add(update.Fields.TryGetValue(field, out var value) ? Text(type, field, value) : string.Empty);
            }

            Line(csv, cells);
        }

        return csv.ToString();
    }

    /// <summary>A value as the text a CSV cell carries; the same conversions as <see cref="CollectionRequest"/>.</summary>
    public static string Text(string type, string field, FieldValue? value) => value switch
    {
        null => Clear,
        TextValue { Value.Length: 0 } or LongTextValue { Value.Length: 0 } => Clear,
        TextValue t => t.Value,
        LongTextValue t => t.Value,
        NumberValue n => n.Value.ToString(CultureInfo.InvariantCulture),
        BoolValue b => b.Value ? "true" : "false",
        DateTimeValue d => d.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateValue d => d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        OptionValue o => o.Label is not null && long.TryParse(o.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? o.Label : o.Value,
        MoneyValue m => m.Amount.ToString(CultureInfo.InvariantCulture),
        LookupValue l => l.Id,
        _ => throw new InvalidOperationException($"{type}.{field}: a {value.Type} value cannot be written to Salesforce."),
    };

    private static void Line(StringBuilder csv, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                csv.Append(',');
            }

            csv.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            first = false;
        }

        csv.Append('\n');
    }
}
