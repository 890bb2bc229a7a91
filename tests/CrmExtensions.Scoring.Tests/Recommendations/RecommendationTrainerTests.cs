using CrmExtensions.Scoring.Recommendations;
using Xunit.Abstractions;

namespace CrmExtensions.Scoring.Tests.Recommendations;

public sealed class RecommendationTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void Train_TasteData_AlsBeatsPopularityByTenPercentAndItemToItemOnTimeSplit()
    {
        var set = TasteData.Generate();

        var training = RecommendationTrainer.Train(set, new RecommendationOptions());

        var values = training.Metrics.ShouldNotBeNull().Values;
        output.WriteLine(training.Metrics.ToJson());
        output.WriteLine($"validation: {training.Validation}");
        values["customers"].ShouldBeGreaterThan(100);
        values["hitRate10"].ShouldBeGreaterThanOrEqualTo(1.10 * values["hitRate10_popularity"]);
        values["hitRate10"].ShouldBeGreaterThanOrEqualTo(values["hitRate10_itemToItem"]);
        values["ndcg10"].ShouldBeGreaterThan(values["ndcg10_popularity"]);
    }

    [Theory]
    [InlineData(0.385, 8)]
    [InlineData(0.370, 32)]
    public void Choose_SmallerModelWithinOneStandardError_IsPreferred(double smallNdcg, int expectedFactors)
    {
        var large = (new HybridSettings(new AlsSettings(Factors: 32), 0, 0), new RankingFigures(0.8, 0.40, 0.1, 400, 0.02));
        var small = (new HybridSettings(new AlsSettings(Factors: 8), 0, 0), new RankingFigures(0.8, smallNdcg, 0.1, 400, 0.02));

        var (chosen, _) = RecommendationTrainer.Choose([large, small]);

        chosen.Als.Factors.ShouldBe(expectedFactors);
    }
}
