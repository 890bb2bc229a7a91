using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Segmentation;

/// <summary>Computes recency, frequency, monetary value and tenure per customer from order lines.</summary>
internal static class RfmCalculator
{
    public static readonly string[] Names = [.. Enum.GetNames<RfmFeature>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])];

    /// <summary>Features as of the day after the newest line. A customer with only returns has no recency or tenure of purchase: both are the whole history span.</summary>
    public static CustomerFeatures Compute(TransactionSet set)
    {
        if (!set.HasDates)
        {
            throw new TransactionFileException(0, null, "segmentation needs a date column");
        }

        var asOf = set.Lines.Max(l => l.Date).Date.AddDays(1);
        var start = set.Lines.Min(l => l.Date);
        var n = set.Customers.Count;
        var first = new DateTime[n];
        var last = new DateTime[n];
        Array.Fill(first, DateTime.MaxValue);
        Array.Fill(last, DateTime.MinValue);
        var spend = new double[n];
        var occasions = new HashSet<(int Customer, long Occasion)>();
        foreach (var line in set.Lines)
        {
            spend[line.Customer] += double.IsNaN(line.Amount) ? 0 : line.Amount;
            if (line.IsReturn)
            {
                continue;
            }

            if (line.Date < first[line.Customer])
            {
                first[line.Customer] = line.Date;
            }

            if (line.Date > last[line.Customer])
            {
                last[line.Customer] = line.Date;
            }

            occasions.Add((line.Customer, line.Invoice >= 0 ? line.Invoice : -1 - line.Date.Date.Ticks));
        }

        var frequency = new int[n];
        foreach (var (customer, _) in occasions)
        {
            frequency[customer]++;
        }

        var span = (asOf - start).TotalDays;
        var values = new double[n][];
        for (var c = 0; c < n; c++)
        {
            var bought = frequency[c] > 0;
            values[c] =
            [
                bought ? (asOf - last[c]).TotalDays : span,
                frequency[c],
                Math.Max(0, spend[c]),
                bought ? (asOf - first[c]).TotalDays : span,
            ];
        }

        return new CustomerFeatures(set.Customers, Names, values);
    }
}
