using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Turns a trained model into each customer's top-N list with reasons.</summary>
internal static class Recommender
{
    public const string PopularReason = "popular with customers";
    public const string SimilarCustomersReason = "bought by customers with similar purchases";

    /// <summary>Lists for every customer in the set, in customer order (customers with no net purchases get popular items).</summary>
    public static IEnumerable<Recommendation> RecommendAll(TransactionSet set, RecommendationTraining training, RecommendationOptions options)
    {
        var scores = new double[set.Items.Count];
        for (var customer = 0; customer < set.Customers.Count; customer++)
        {
            foreach (var recommendation in RecommendFor(set, training, options, customer, scores))
            {
                yield return recommendation;
            }
        }
    }

    internal static List<Recommendation> RecommendFor(TransactionSet set, RecommendationTraining training, RecommendationOptions options,
        int customer, double[] scores)
    {
        var model = training.Model;
        model.Score(customer, scores);
        var ownedItems = model.Train.ItemsOf(customer).ToArray();
        var owned = new HashSet<int>(ownedItems);
        var top = TopItems.Select(scores, options.Top,
            i => !training.Unavailable[i] && (options.IncludePurchased || !owned.Contains(i)));
        var list = new List<Recommendation>(top.Length);
        for (var rank = 0; rank < top.Length; rank++)
        {
            var item = top[rank];
            string reason;
            if (owned.Count == 0)
            {
                reason = PopularReason;
            }
            else if (owned.Contains(item))
            {
                reason = "you bought it before";
            }
            else if (model.Cosine.MostSimilarOwned(item, owned) is var because and >= 0)
            {
                reason = $"because you bought {set.Items[because]}";
            }
            else
            {
                reason = model.PersonalWeight(owned.Count) >= 0.5 ? SimilarCustomersReason : PopularReason;
            }

            list.Add(new Recommendation(set.Customers[customer], rank + 1, set.Items[item], Math.Round(scores[item], 4), reason));
        }

        return list;
    }
}
