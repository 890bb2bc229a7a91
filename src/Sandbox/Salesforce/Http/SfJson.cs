using System.Globalization;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Salesforce.Http;

/// <summary>Salesforce value formats on the wire (salesforce.md §2a: datetimes as <c>2013-05-20T20:49:32.000+0000</c>).</summary>
internal static class SfJson
{
    public static string DateTimeText(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static void Write(Utf8JsonWriter w, string name, object? value)
    {
        w.WritePropertyName(name);
        Write(w, value);
    }

    public static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case decimal d: w.WriteNumberValue(d); break;
            case double d: w.WriteNumberValue(d); break;
            case DateTime dt: w.WriteStringValue(DateTimeText(dt)); break;
            case DateOnly date: w.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>A JSON body value as a CLR value (string, decimal, bool or null); objects and arrays are rejected.</summary>
    public static object? Read(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException("Cannot deserialize instance of " + e.ValueKind.ToString().ToLowerInvariant()),
    };
}
