using System.Globalization;
using System.Text;

namespace CrmExtensions.Connectors.Salesforce;

/// <summary>
/// Everything placed into SOQL goes through here: object and field names must be plain API names (never quoted
/// text), datetimes are unquoted ISO-8601 literals with <c>Z</c> (salesforce.md §2c), strings are escaped as the SOQL
/// reference's "Quoted String Escape Sequences" list them.
/// </summary>
internal static class Soql
{
    /// <summary>True for an API name: a letter, then letters, digits and '_' (custom names end in <c>__c</c>).</summary>
    public static bool IsIdentifier(string? name) =>
        name is { Length: > 0 and <= 128 } && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Returns <paramref name="name"/> when it is an API name, else throws naming what it is.</summary>
    public static string Identifier(string name, string what) =>
        IsIdentifier(name) ? name : throw new ArgumentException($"The {what} name is not a Salesforce API name (letters, digits, '_'); it is not placed into SOQL.", nameof(name));

    /// <summary>An unquoted SOQL datetime literal, e.g. <c>2024-05-01T00:00:00.000Z</c>.</summary>
    public static string DateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A quoted SOQL string literal with backslash, quotes and control characters escaped.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('\'').ToString();
    }
}
