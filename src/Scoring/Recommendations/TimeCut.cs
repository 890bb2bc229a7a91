using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Chooses time-split cut dates from purchase-line dates.</summary>
internal static class TimeCut
{
    /// <summary>
    /// The date before which <c>1 − fraction</c> of the purchase lines dated before <paramref name="before"/> fall,
    /// or null when the cut would leave one side empty.
    /// </summary>
    public static DateTime? At(TransactionSet set, double fraction, DateTime before)
    {
        var dates = set.Lines.Where(l => !l.IsReturn && l.Date < before).Select(l => l.Date).ToArray();
        if (dates.Length < 2)
        {
            return null;
        }

        Array.Sort(dates);
        var cut = dates[(int)Math.Clamp(Math.Round(dates.Length * (1 - fraction)), 1, dates.Length - 1)];
        return cut > dates[0] ? cut : null;
    }
}
