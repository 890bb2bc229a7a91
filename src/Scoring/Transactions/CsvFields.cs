namespace CrmExtensions.Scoring.Transactions;

/// <summary>Writes CSV fields (RFC 4180 quoting).</summary>
internal static class CsvFields
{
    public static string Escape(string value, char separator) =>
        value.Contains(separator, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    public static string Join(char separator, params string[] values) =>
        string.Join(separator, values.Select(v => Escape(v, separator)));
}
