using System.Globalization;
using System.Text.Encodings.Web;

namespace CrmExtensions.Reports.Html;

/// <summary>HTML encoding and the number and time formats the pages use (invariant, so figures read the same everywhere).</summary>
internal static class Text
{
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Metric(double value) => double.IsFinite(value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "undefined";

    public static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? duration) => duration is not { } d ? "still running"
        : d.TotalSeconds < 60 ? d.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
        : d.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}
