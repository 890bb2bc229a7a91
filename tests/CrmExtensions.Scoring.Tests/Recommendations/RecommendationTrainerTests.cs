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
}
