using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// The hold-out the next-best-product figures are measured on, in keys rather than indexes, so another library can be
/// measured on exactly the same split: the training cells (customer, item, strength) before the cut, the new items
/// each evaluated customer bought from the cut on (available items only), and the items that are not candidates.
/// </summary>
/// <param name="Cut">Training lines are dated before this; held-out purchases at or after it.</param>
/// <param name="Train">Training cells, as <see cref="RecommendationTrainer"/> builds them for the measurement (no recency weighting).</param>
/// <param name="HeldOut">Per evaluated customer (training history and at least one available new item), the available new items.</param>
/// <param name="Unavailable">Items never recommended (inactive at the cut, excluded or inactive by setting).</param>
public sealed record RankingHoldout(
    DateTime Cut, IReadOnlyList<(string Customer, string Item, float Strength)> Train,
    IReadOnlyDictionary<string, IReadOnlyList<string>> HeldOut, IReadOnlyList<string> Unavailable)
{
    /// <summary>The split <see cref="NextBestProduct.Train"/> measures on, or null when the history is too short to hold out.</summary>
    public static RankingHoldout? Of(IEnumerable<OrderLine> lines, RecommendationOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(options);
        var set = TransactionSet.FromOrderLines(lines.Where(l => l.Item is not null));
        if (set.Lines.Count == 0 || !set.HasDates || TimeCut.At(set, options.HoldoutFraction, DateTime.MaxValue) is not { } cut)
        {
            return null;
        }

        var train = InteractionBuilder.Build(set, DateTime.MinValue, cut);
        var unavailable = RecommendationTrainer.Unavailable(set, cut, options);
        var cells = new List<(string, string, float)>(train.NonZeros);
        for (var c = 0; c < train.Users; c++)
        {
            for (var k = train.UserStart[c]; k < train.UserStart[c + 1]; k++)
            {
                cells.Add((set.Customers[c], set.Items[train.UserItems[k]], train.UserValues[k]));
            }
        }

        var heldOut = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (customer, items) in InteractionBuilder.NewItems(set, cut, DateTime.MaxValue, train))
        {
            var available = items.Where(i => !unavailable[i]).Order().Select(i => set.Items[i]).ToArray();
            if (train.ItemsOf(customer).Length > 0 && available.Length > 0)
            {
                heldOut[set.Customers[customer]] = available;
            }
        }

        return new RankingHoldout(cut, cells, heldOut, [.. Enumerable.Range(0, set.Items.Count).Where(i => unavailable[i]).Select(i => set.Items[i])]);
    }
}
