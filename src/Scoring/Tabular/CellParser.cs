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

    public static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

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
