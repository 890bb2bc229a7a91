using CrmExtensions.Scoring.Segmentation;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Segmentation;

public sealed class FeaturesFromTests
{
    [Fact]
    public void FeaturesFrom_CancelledOrder_NotCountedAndRefunded()
    {
        var day = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

        var features = Segmenter.FeaturesFrom(
        [
            new OrderLine("a", day, 100, Invoice: "1"),
            new OrderLine("a", day.AddDays(5), 60, Invoice: "2"),
            new OrderLine("a", day.AddDays(6), 60, Invoice: "C2", IsCancellation: true),
        ]);

        features.Customers.ShouldBe(["a"]);
        features.Values[0][(int)RfmFeature.Frequency].ShouldBe(2);
        features.Values[0][(int)RfmFeature.Monetary].ShouldBe(100);
        features.Values[0][(int)RfmFeature.RecencyDays].ShouldBe(2);
        features.Values[0][(int)RfmFeature.TenureDays].ShouldBe(7);
    }
}
