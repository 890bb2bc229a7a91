using CrmExtensions.Scoring.Segmentation;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Segmentation;

public sealed class SegmentationPartsTests
{
    [Fact]
    public void Hungarian_SquareMatrix_FindsMinimumCostAssignment()
    {
        // Greedy row-by-row would take (0,0)=1 then (1,1)=7; the optimum is 0→1, 1→0, 2→2 with cost 2 + 3 + 1 = 6.
        var cost = new double[,] { { 1, 2, 9 }, { 3, 7, 9 }, { 9, 9, 1 } };

        Hungarian.Solve(cost).ShouldBe([1, 0, 2]);
    }

    [Fact]
    public void Hungarian_MoreColumnsThanRows_AssignsEachRowADistinctColumn()
    {
        var cost = new double[,] { { 5, 1, 4 }, { 9, 2, 9 } };

        Hungarian.Solve(cost).ShouldBe([2, 1]);
    }

    [Fact]
    public void Silhouette_TwoTightPairs_MatchesHandComputedValue()
    {
        // 1-D points 0, 1 | 10, 11. Point 0: a = 1, b = (10 + 11) / 2 = 10.5; point 1: a = 1, b = (9 + 10) / 2 = 9.5; symmetric.
        double[][] points = [[0], [1], [10], [11]];

        var s = ClusterQuality.Silhouette(points, [0, 0, 1, 1], 2);

        s.ShouldBe(((9.5 / 10.5) + (8.5 / 9.5)) / 2, 1e-12);
    }

    [Fact]
    public void DaviesBouldin_TwoTightPairs_MatchesHandComputedValue()
    {
        // Scatter 0.5 around centres 0.5 and 10.5 (distance 10): (0.5 + 0.5) / 10 = 0.1 for both.
        double[][] points = [[0], [1], [10], [11]];

        ClusterQuality.DaviesBouldin(points, [0, 0, 1, 1], [[0.5], [10.5]]).ShouldBe(0.1, 1e-12);
    }

    [Fact]
    public void Compute_RefundsAndCancellations_NetSpendAndCountOnlyPurchases()
    {
        var day = new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        var set = new TransactionSet(["a", "b"], [],
        [
            new(0, -1, day.AddDays(-100), 1, 50, 1, false),
            new(0, -1, day.AddDays(-10), 1, 30, 2, false),
            new(0, -1, day.AddDays(-10), 1, 20, 2, false),
            new(0, -1, day.AddDays(-5), -1, -30, 3, true),
            new(1, -1, day, 1, 10, 4, false),
            new(1, -1, day, -1, -40, 5, true),
        ], true, 0);

        var features = RfmCalculator.Compute(set);

        // As of 2024-03-02 00:00: a's last purchase 2024-02-20 10:00 (10.58 days), first 2023-11-22 10:00 (100.58 days).
        features.Values[0].ShouldBe([10 + (14 / 24.0), 2, 70, 100 + (14 / 24.0)], tolerance: 1e-9);
        features.Values[1][(int)RfmFeature.Monetary].ShouldBe(0);
        features.Values[1][(int)RfmFeature.Frequency].ShouldBe(1);
    }

    [Theory]
    [InlineData(-1.0, 1.2, 1.1, 0.6, "Champions: recent, frequent, high spend")]
    [InlineData(1.0, 0.6, 0.8, 0.6, "At risk: high past spend, no order in 120+ days")]
    [InlineData(1.0, -0.6, -0.8, 0.2, "Lapsed: low spend, no order in 120+ days")]
    [InlineData(-0.5, 0.4, 0.2, 0.1, "Loyal: frequent, steady spend")]
    [InlineData(0.1, -0.1, 0.1, 0.1, "Steady: close to the average customer")]
    public void Name_ProfileZScores_GivesReadableName(double r, double f, double m, double t, string expected)
    {
        SegmentNamer.Name([r, f, m, t], [130, 150, 200, 400], [300, 400]).ShouldBe(expected);
    }

    [Fact]
    public void Name_ShortTenure_IsNewWithRoundedDays()
    {
        SegmentNamer.Name([-1, -0.8, -0.5, -2], [3, 10], [5, 12, 20, 25]).ShouldBe("New: first order in the last 30 days");
    }

    [Fact]
    public void Unique_RepeatedName_IsNumbered()
    {
        var taken = new HashSet<string>();

        SegmentNamer.Unique("Loyal", taken);

        SegmentNamer.Unique("Loyal", taken).ShouldBe("Loyal (2)");
    }
}
