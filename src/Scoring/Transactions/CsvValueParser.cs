using System.Globalization;

namespace CrmExtensions.Scoring.Transactions;

/// <summary>Culture-invariant parsing of the dates and numbers found in transaction exports.</summary>
internal static class CsvValueParser
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-ddTHH:mm:sszzz",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>ISO 8601 first; otherwise the invariant culture's forms (month before day, as US-style exports write them).</summary>
    public static bool TryParseDate(string text, out DateTime value)
    {
        const DateTimeStyles Styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        var trimmed = text.Trim();
        return DateTime.TryParseExact(trimmed, IsoFormats, CultureInfo.InvariantCulture, Styles, out value)
            || DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, Styles, out value);
    }

    /// <summary>A finite number with '.' as the decimal point.</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
