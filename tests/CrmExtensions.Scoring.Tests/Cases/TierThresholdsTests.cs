using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class TierThresholdsTests
{
    [Fact]
    public void Choose_PrecisionFallsWithConfidence_AutoThresholdReachesTargetAndSuggestGoesLower()
    {
        // Category "a": 20 confident right answers at 0.95…0.76, then 10 at 0.55…0.46 of which every other one is wrong.
        var validation = new List<(string, double)>();
        var actual = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            validation.Add(("a", 0.95 - (i * 0.01)));
            actual.Add("a");
        }

        for (var i = 0; i < 10; i++)
        {
            validation.Add(("a", 0.55 - (i * 0.01)));
            actual.Add(i % 2 == 0 ? "a" : "b");
        }

        var thresholds = TierThresholds.Choose(["a", "b"], validation, actual, autoPrecision: 0.9, suggestPrecision: 0.7, minPerCategory: 10);

        var (auto, suggest) = thresholds.For("a");
        // At 0.53: 22 of 23 right, smoothed 23/25 = 0.92 ≥ 0.9; at 0.51: 23 of 25, 24/27 = 0.889; lower never recovers.
        auto.ShouldBe(0.53, 1e-9);
        suggest.ShouldBeLessThan(auto);
        thresholds.TierOf("a", 0.80).ShouldBe(CaseTier.Auto);
        thresholds.TierOf("a", suggest).ShouldBe(CaseTier.Suggest);
        thresholds.TierOf("a", suggest - 0.001).ShouldBe(CaseTier.Review);
    }

    [Fact]
    public void Choose_TargetNeverReached_ClosesTheTier()
    {
        var validation = Enumerable.Range(0, 20).Select(i => ("a", 0.9 - (i * 0.01))).ToList();
        var actual = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? "a" : "b").ToList();

        var thresholds = TierThresholds.Choose(["a", "b"], validation, actual, 0.9, 0.7, 10);

        double.IsPositiveInfinity(thresholds.For("a").Auto).ShouldBeTrue();
        thresholds.TierOf("a", 0.99).ShouldNotBe(CaseTier.Auto);
    }

    [Fact]
    public void Choose_CategoryWithFewValidationPredictions_UsesPooledThresholds()
    {
        var validation = Enumerable.Range(0, 30).Select(i => ("a", 0.99 - (i * 0.01))).Append(("b", 0.2)).ToList();
        var actual = Enumerable.Repeat("a", 30).Append("b").ToList();

        var thresholds = TierThresholds.Choose(["a", "b"], validation, actual, 0.9, 0.7, 10);

        thresholds.PooledCategories.ShouldBe(["b"]);
        thresholds.For("b").ShouldBe(thresholds.Pooled);
    }

    [Fact]
    public void Choose_FewLuckyCases_DoNotOpenTheAutoTier()
    {
        // 3 right out of 3: smoothed precision 4/5 = 0.8 < 0.9.
        var thresholds = TierThresholds.Choose(["a"], [("a", 0.9), ("a", 0.8), ("a", 0.7)], ["a", "a", "a"], 0.9, 0.7, 1);

        double.IsPositiveInfinity(thresholds.For("a").Auto).ShouldBeTrue();
        thresholds.For("a").Suggest.ShouldBe(0.7, 1e-9);
    }
}
