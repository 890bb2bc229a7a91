using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Turns order lines into purchase strengths, netting returns and cancellations against purchases.</summary>
internal static class InteractionBuilder
{
    /// <summary>
    /// Cells for lines dated in [<paramref name="from"/>, <paramref name="before"/>). The strength of a (customer, item)
    /// cell is its number of purchase lines — each weighted 0.5^(age / half-life) when a recency half-life is given, age
    /// counted back from the end of the window; a cell whose net quantity is not positive (everything returned) is dropped.
    /// </summary>
    public static InteractionMatrix Build(TransactionSet set, DateTime from, DateTime before, double? halfLifeDays = null)
    {
        var decay = halfLifeDays is > 0 && set.HasDates;
        var asOf = before == DateTime.MaxValue ? set.Lines.Max(l => l.Date) : before;
        return InteractionMatrix.Build(set.Customers.Count, set.Items.Count, Net(set, from, before, decay ? asOf : null, halfLifeDays ?? 0)
            .Select(kv => (kv.Key.Customer, kv.Key.Item, (float)(decay ? Math.Max(kv.Value.Weighted, 1e-3) : kv.Value.Purchases))));
    }

    /// <summary>All lines.</summary>
    public static InteractionMatrix Build(TransactionSet set, double? halfLifeDays = null) =>
        Build(set, DateTime.MinValue, DateTime.MaxValue, halfLifeDays);

    /// <summary>Per customer, the items bought (net positive) in the window that the customer did not hold in <paramref name="known"/>.</summary>
    public static Dictionary<int, HashSet<int>> NewItems(TransactionSet set, DateTime from, DateTime before, InteractionMatrix known)
    {
        var result = new Dictionary<int, HashSet<int>>();
        foreach (var ((customer, item), _) in Net(set, from, before, null, 0))
        {
            if (known.ItemsOf(customer).BinarySearch(item) >= 0)
            {
                continue;
            }

            if (!result.TryGetValue(customer, out var items))
            {
                items = [];
                result.Add(customer, items);
            }

            items.Add(item);
        }

        return result;
    }

    /// <summary>Items with no purchase in the <paramref name="days"/> before <paramref name="asOf"/>: treated as discontinued.</summary>
    public static bool[] Inactive(TransactionSet set, DateTime asOf, int? days)
    {
        var inactive = new bool[set.Items.Count];
        if (days is null || !set.HasDates)
        {
            return inactive;
        }

        Array.Fill(inactive, true);
        var since = asOf.AddDays(-days.Value);
        foreach (var line in set.Lines)
        {
            if (!line.IsReturn && line.Date >= since && line.Date < asOf)
            {
                inactive[line.Item] = false;
            }
        }

        return inactive;
    }

    private static IEnumerable<KeyValuePair<(int Customer, int Item), (double Quantity, int Purchases, double Weighted)>> Net(
        TransactionSet set, DateTime from, DateTime before, DateTime? asOf, double halfLifeDays)
    {
        var cells = new Dictionary<(int Customer, int Item), (double Quantity, int Purchases, double Weighted)>();
        foreach (var line in set.Lines)
        {
            if (line.Date < from || line.Date >= before)
            {
                continue;
            }

            var cell = cells.GetValueOrDefault((line.Customer, line.Item));
            var weight = line.IsReturn ? 0 : asOf is { } end ? Math.Pow(0.5, Math.Max(0, (end - line.Date).TotalDays) / halfLifeDays) : 1;
            cells[(line.Customer, line.Item)] = (cell.Quantity + line.Quantity, cell.Purchases + (line.IsReturn ? 0 : 1), cell.Weighted + weight);
        }

        return cells.Where(kv => kv.Value.Quantity > 0 && kv.Value.Purchases > 0);
    }
}
