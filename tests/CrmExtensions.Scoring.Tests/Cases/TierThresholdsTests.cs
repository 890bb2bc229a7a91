using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class TierThresholdsTests
{
    [Fact]
    public void Choose_PrecisionFallsWithConfidence_AutoReachesItsTargetAndSuggestBandReachesItsOwn()
    {
        // Category "a": 10 right at 0.95…0.86; a band of 20 at 0.70…0.51 where every fourth (from the second) is
        // wrong; 10 wrong at 0.40…0.31.
        var validation = new List<(string, double)>();
        var actual = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            validation.Add(("a", 0.95 - (i * 0.01)));
            actual.Add("a");
        }

        for (var i = 0; i < 20; i++)
        {
            validation.Add(("a", 0.70 - (i * 0.01)));
            actual.Add(i % 4 == 1 ? "b" : "a");
        }

        for (var i = 0; i < 10; i++)
        {
            validation.Add(("a", 0.40 - (i * 0.01)));
            actual.Add("b");
        }

        var thresholds = TierThresholds.Choose(["a", "b"], validation, actual, autoPrecision: 0.9, suggestPrecision: 0.7, minPerCategory: 10);

        var (auto, suggest) = thresholds.For("a");
        // Auto: at 0.70, 11 of 11 right, smoothed 12/13 = 0.92; below, the band's wrong answers keep it under 0.9.
        auto.ShouldBe(0.70, 1e-9);
        // Suggest, judged on the band below 0.70 alone: at 0.51, 14 of 19 right, 15/21 = 0.71; the wrong tail never recovers.
        suggest.ShouldBe(0.51, 1e-9);
        thresholds.TierOf("a", 0.80).ShouldBe(CaseTier.Auto);
        thresholds.TierOf("a", 0.60).ShouldBe(CaseTier.Suggest);
        thresholds.TierOf("a", 0.45).ShouldBe(CaseTier.Review);
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
