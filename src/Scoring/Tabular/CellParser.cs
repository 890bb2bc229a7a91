using System.Globalization;

namespace CrmExtensions.Scoring.Tabular;

/// <summary>Invariant-culture parsing of CSV cells into numbers and dates.</summary>
internal static class CellParser
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy/MM/dd", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly HashSet<string> MissingTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "NA", "N/A", "#N/A", "NaN", "null", "None", "nil", "?", "-", "--", "(blank)", "(null)", "missing", "unknown",
    };

    /// <summary>True for the placeholders exports write for "no value" ("NA", "null", "?", "#N/A", …).</summary>
    public static bool IsMissingToken(string cell) => MissingTokens.Contains(cell);

    /// <summary>
    /// A number in invariant form, also with a leading currency symbol, thousands separators ("1,234.5") or a
    /// trailing percent sign (kept as written: "12%" is 12).
    /// </summary>
    public static bool TryNumber(string cell, out double value)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return double.IsFinite(value);
        }

        var text = cell.AsSpan().Trim();
        if (text.Length > 1 && text[^1] == '%')
        {
            text = text[..^1];
        }

        var negative = text.Length > 0 && text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        if (text.Length > 0 && text[0] is '$' or '€' or '£' or '¥')
        {
            text = text[1..];
        }

        if (text.Length == 0 || !char.IsAsciiDigit(text[0])
            || !double.TryParse(text, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            || !double.IsFinite(value))
        {
            value = double.NaN;
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>ISO 8601 dates only: day/month order in other forms is ambiguous across locales.</summary>
    public static bool TryDate(string cell, out double days)
    {
        if (cell.Length >= 8 && char.IsAsciiDigit(cell[0])
            && DateTimeOffset.TryParseExact(cell, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            days = ToDays(parsed);
            return true;
        }

        days = double.NaN;
        return false;
    }

    public static double ToDays(DateTimeOffset value) => value.UtcTicks / (double)TimeSpan.TicksPerDay;

    public static double ToDays(DateOnly value) => value.DayNumber;
}
