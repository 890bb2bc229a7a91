using CrmExtensions.Scoring.Recommendations;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Recommendations;

public sealed class RecommenderTests
{
    private static readonly DateTime Day = new(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void RecommendFor_CustomerWhoReturnedEverything_GetsPopularItemsWithPopularReason()
    {
        var set = Shop(out var returner);
        var options = new RecommendationOptions { Top = 3, InactiveAfterDays = null };
        var training = RecommendationTrainer.Train(set, options);

        var list = Recommender.RecommendFor(set, training, options, returner, new double[set.Items.Count]);

        list.Select(r => r.Item).ShouldBe(["A", "C", "B"]);
        list.ShouldAllBe(r => r.Reason == Recommender.PopularReason);
    }

    [Fact]
    public void RecommendFor_DefaultOptions_ExcludesPurchasedExcludedAndInactiveItems()
    {
        var set = Shop(out _);
        var options = new RecommendationOptions
        {
            Top = 10,
            ExcludedItems = new HashSet<string> { "B" },
            InactiveAfterDays = 30,
        };
        var training = RecommendationTrainer.Train(set, options);

        // Customer 0 bought A; B is excluded; "OLD" was last sold 200 days before the end of the data.
        var list = Recommender.RecommendFor(set, training, options, 0, new double[set.Items.Count]);

        list.Select(r => r.Item).ShouldNotContain("A");
        list.Select(r => r.Item).ShouldNotContain("B");
        list.Select(r => r.Item).ShouldNotContain("OLD");
        list.Select(r => r.Rank).ShouldBe(Enumerable.Range(1, list.Count));
    }

    [Fact]
    public void RecommendFor_IncludePurchased_MayRecommendOwnedItem()
    {
        var set = Shop(out _);
        var options = new RecommendationOptions { Top = 10, IncludePurchased = true, InactiveAfterDays = null };
        var training = RecommendationTrainer.Train(set, options);

        var list = Recommender.RecommendFor(set, training, options, 0, new double[set.Items.Count]);

        list.Select(r => r.Item).ShouldContain("A");
    }

    [Fact]
    public void RecommendFor_ItemBoughtWithOwnedItem_ReasonNamesOwnedItem()
    {
        var set = Shop(out _);
        var options = new RecommendationOptions { Top = 1, InactiveAfterDays = null };
        var training = RecommendationTrainer.Train(set, options);

        // Customer 0 bought A; C is bought by every other A buyer.
        var list = Recommender.RecommendFor(set, training, options, 0, new double[set.Items.Count]);

        list.Single().Reason.ShouldBe("because you bought A");
    }

    /// <summary>
    /// Customers 1–4 buy A and C, 5–6 buy B, customer 0 buys A only; customer 7 bought D and returned it; one old sale of OLD.
    /// Popularity: A (5) &gt; C (4) &gt; B (2) &gt; OLD (1).
    /// </summary>
    private static TransactionSet Shop(out int returner)
    {
        string[] items = ["A", "B", "C", "D", "OLD"];
        var lines = new List<TransactionLine> { new(0, 0, Day, 1, 10, -1, false) };
        for (var c = 1; c <= 4; c++)
        {
            lines.Add(new(c, 0, Day.AddDays(c), 1, 10, -1, false));
            lines.Add(new(c, 2, Day.AddDays(c), 1, 10, -1, false));
        }

        lines.Add(new(5, 1, Day, 2, 20, -1, false));
        lines.Add(new(6, 1, Day, 1, 10, -1, false));
        lines.Add(new(7, 3, Day, 2, 20, -1, false));
        lines.Add(new(7, 3, Day.AddDays(2), -2, -20, -1, true));
        lines.Add(new(6, 4, Day.AddDays(-200), 1, 10, -1, false));
        returner = 7;
        return TransactionSet.FromLines([.. Enumerable.Range(0, 8).Select(c => $"K{c}")], items, lines);
    }
}
