using CrmExtensions.Scoring.Recommendations;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Recommendations;

public sealed class NextBestProductTests
{
    [Fact]
    public void Train_OrderLinesWithCancelledPurchase_CancelledItemIsNotTreatedAsBought()
    {
        var day = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = new List<OrderLine>();
        for (var c = 0; c < 6; c++)
        {
            lines.Add(new OrderLine($"k{c}", day.AddDays(c), 10, "A"));
            lines.Add(new OrderLine($"k{c}", day.AddDays(c), 10, "B"));
        }

        // k6 bought B and cancelled it: B is not "already bought", so it may be recommended back.
        lines.Add(new OrderLine("k6", day, 10, "B", Invoice: "1"));
        lines.Add(new OrderLine("k6", day.AddDays(1), 10, "B", Invoice: "C1", IsCancellation: true));
        lines.Add(new OrderLine("k6", day.AddDays(1), 5, "C"));

        var batch = NextBestProduct.Train(lines, new RecommendationOptions { Top = 2, InactiveAfterDays = null });

        batch.Recommendations.Select(r => r.Customer).Distinct().Count().ShouldBe(7);
        batch.Recommendations.Where(r => r.Customer == "k6").Select(r => r.Item).ShouldContain("B");
        batch.Recommendations.Where(r => r.Customer == "k0").Select(r => r.Item).ShouldNotContain("A");
    }
}
