using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmExtensions.Plugins.Dataverse;

/// <summary>
/// Turns the entity image of a RemoteExecutionContext (DataContract JSON, dataverse.md §6) into a row in the Web API's
/// read shape (dataverse.md §1), so the Dataverse connector maps it with the very mapping a sync uses: lookups as
/// <c>_x_value</c> with the <c>lookuplogicalname</c> annotation, choices and money as numbers, option labels from the
/// image's <c>FormattedValues</c> as FormattedValue annotations, and <c>\/Date(ms±hhmm)\/</c> as ISO 8601 cut to whole
/// seconds, as the Web API serialises dates (an image carries milliseconds; kept, they would make the image look newer
/// than the same version read by a sync). This is a change of wire shape only; no value is interpreted here.
/// </summary>
public static partial class EntityImageRow
{
    private const string Formatted = "@OData.Community.Display.V1.FormattedValue";
    private const string LookupTarget = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    private static readonly JsonElement Null = JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>
    /// The record as of after the operation: the post images (merged when several are registered), else the pre
    /// images overlaid with the message's <c>Target</c> (the columns it set), else the <c>Target</c> alone (a Create
    /// sets every column it has). Null for a Delete, or when the body carries none of them (Dataverse removes images
    /// and InputParameters above 256 KB). The result may lack columns; the caller decides whether it is enough.
    /// </summary>
    public static string? From(JsonElement context, string entity, Guid recordId)
    {
        if (string.Equals(Text(context, "MessageName"), "Delete", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var post = Images(context, "PostEntityImages", entity, recordId);
        var parts = post.Count > 0 ? post : [.. Images(context, "PreEntityImages", entity, recordId), .. Target(context, entity, recordId)];
        if (parts.Count == 0)
        {
            return null;
        }

        var row = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            Add(row, part);
        }

        return Serialise(row);
    }

    private static List<JsonElement> Images(JsonElement context, string property, string entity, Guid recordId)
    {
        var images = new List<JsonElement>();
        if (!context.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return images;
        }

        foreach (var pair in list.EnumerateArray())
        {
            if (pair.ValueKind == JsonValueKind.Object && pair.TryGetProperty("value", out var image) && IsEntity(image, entity, recordId))
            {
                images.Add(image);
            }
        }

        return images;
    }

    private static IEnumerable<JsonElement> Target(JsonElement context, string entity, Guid recordId)
    {
        if (context.TryGetProperty("InputParameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
        {
            foreach (var pair in parameters.EnumerateArray())
            {
                if (pair.ValueKind == JsonValueKind.Object && Text(pair, "key") == "Target" && pair.TryGetProperty("value", out var target)
                    && IsEntity(target, entity, recordId))
                {
                    yield return target;
                }
            }
        }
    }

    // An image of another record (or a reference instead of an entity) is never taken for this one.
    private static bool IsEntity(JsonElement image, string entity, Guid recordId) =>
        image.ValueKind == JsonValueKind.Object
        && image.TryGetProperty("Attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Array
        && (Text(image, "LogicalName") is not { } name || string.Equals(name, entity, StringComparison.OrdinalIgnoreCase))
        && (!Guid.TryParse(Text(image, "Id"), out var id) || id == Guid.Empty || id == recordId);

    private static void Add(Dictionary<string, JsonElement> row, JsonElement image)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (image.TryGetProperty("FormattedValues", out var formatted) && formatted.ValueKind == JsonValueKind.Array)
        {
            foreach (var pair in formatted.EnumerateArray())
            {
                if (Text(pair, "key") is { } key && Text(pair, "value") is { } label)
                {
                    labels[key] = label;
                }
            }
        }

        foreach (var pair in image.GetProperty("Attributes").EnumerateArray())
        {
            if (Text(pair, "key") is not { Length: > 0 } name || !pair.TryGetProperty("value", out var value))
            {
                continue;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    // Untyped: a lookup is read as _x_value, any other column as x; the mapper takes the one its type names.
                    row[name] = Null;
                    row[$"_{name}_value"] = Null;
                    break;
                case JsonValueKind.String when DateValue(value.GetString()!) is { } date:
                    row[name] = Element(date);
                    break;
                case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    row[name] = value.Clone();
                    break;
                case JsonValueKind.Object when value.TryGetProperty("LogicalName", out var target) && value.TryGetProperty("Id", out var id):
                    // EntityReference.
                    row[$"_{name}_value"] = id.Clone();
                    row[$"_{name}_value{LookupTarget}"] = target.Clone();
                    break;
                case JsonValueKind.Object when value.TryGetProperty("Value", out var inner) && inner.ValueKind == JsonValueKind.Number:
                    // OptionSetValue or Money: the number; the column's type says which.
                    row[name] = inner.Clone();
                    break;
                default:
                    // Multi-select choices, party lists, entity collections: columns a read does not map either.
                    continue;
            }

            if (labels.TryGetValue(name, out var label) && value.ValueKind != JsonValueKind.Null)
            {
                row[name + Formatted] = Element(label);
            }
        }
    }

    /// <summary>
    /// <c>/Date(ms)/</c> or <c>/Date(ms±hhmm)/</c>: ms since the epoch (UTC); the offset, when sent, is the wall clock it
    /// was written in. DataContract JSON carries no type for dates, so a text value of exactly this form is taken for a date.
    /// </summary>
    internal static string? DateValue(string text)
    {
        var match = DataContractDate().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            return null;
        }

        var seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
        var instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (!match.Groups[2].Success)
        {
            return instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        // Kept in the sender's offset, so a date-only value written at local midnight keeps its calendar date.
        var sign = match.Groups[2].Value[0] == '-' ? -1 : 1;
        var offset = new TimeSpan(int.Parse(match.Groups[2].Value[1..3], CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value[3..5], CultureInfo.InvariantCulture), 0) * sign;
        return instant.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static JsonElement Element(string text) => JsonSerializer.SerializeToElement(text);

    private static string Serialise(Dictionary<string, JsonElement> row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in row)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"^/Date\((-?\d+)([+-]\d{4})?\)/$", RegexOptions.CultureInvariant)]
    private static partial Regex DataContractDate();
}
