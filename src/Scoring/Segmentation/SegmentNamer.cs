using System.Globalization;

namespace CrmExtensions.Scoring.Segmentation;

/// <summary>
/// Names a segment from how its average standardised features differ from all customers (z ≈ 0 is typical), with day
/// figures taken from its members so the name states something checkable ("no order in 120+ days").
/// </summary>
internal static class SegmentNamer
{
    private const double Clear = 0.5;
    private const double Slight = 0.3;

    /// <param name="z">Mean standardised value per RFM feature (recency, frequency, monetary, tenure).</param>
    /// <param name="recencyDays">Members' days since last purchase.</param>
    /// <param name="tenureDays">Members' days since first purchase.</param>
    public static string Name(IReadOnlyList<double> z, IReadOnlyList<double> recencyDays, IReadOnlyList<double> tenureDays)
    {
        var r = z[(int)RfmFeature.RecencyDays];
        var f = z[(int)RfmFeature.Frequency];
        var m = z[(int)RfmFeature.Monetary];
        var t = z[(int)RfmFeature.TenureDays];
        var tenure75 = Percentile(tenureDays, 0.75);
        if (t <= -Clear && tenure75 <= 90)
        {
            return Invariant($"New: first order in the last {Math.Max(30, Math.Ceiling(tenure75 / 30) * 30)} days");
        }

        if (r < -Slight && f > Clear && m > Clear)
        {
            return "Champions: recent, frequent, high spend";
        }

        var quiet = Math.Max(30, Math.Floor(Percentile(recencyDays, 0.25) / 30) * 30);
        if (r > Clear && (m > Slight || f > Slight))
        {
            return Invariant($"At risk: high past spend, no order in {quiet}+ days");
        }

        if (r > Clear)
        {
            return Invariant($"Lapsed: low spend, no order in {quiet}+ days");
        }

        if (f > Slight && r <= 0)
        {
            return "Loyal: frequent, steady spend";
        }

        if (m > Clear)
        {
            return "Big spenders: high spend, few orders";
        }

        if (r < -Slight)
        {
            return "Promising: recent, few orders";
        }

        return t <= -Slight ? "Newcomers: short history, average activity" : "Steady: close to the average customer";
    }

    /// <summary>Makes names unique by numbering repeats ("Loyal: …", "Loyal: … (2)").</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = Invariant($"{name} ({n})");
        }

        taken.Add(candidate);
        return candidate;
    }

    internal static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var at = p * (sorted.Length - 1);
        var low = (int)Math.Floor(at);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((at - low) * (sorted[high] - sorted[low]));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
