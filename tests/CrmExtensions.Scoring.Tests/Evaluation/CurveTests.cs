using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Models;

namespace CrmExtensions.Scoring.Tests.Evaluation;

public sealed class CurveTests
{
    [Fact]
    public void Roc_PerfectRanking_GoesStraightUpThenAcross()
    {
        var roc = BinaryCurves.Roc([0.9, 0.8, 0.3, 0.1], [true, true, false, false]);

        roc[0].ShouldBe(new RocPoint(1, 0, 0));
        roc.ShouldContain(p => p.FalsePositiveRate == 0 && p.TruePositiveRate == 1);
        roc[^1].FalsePositiveRate.ShouldBe(1);
        roc[^1].TruePositiveRate.ShouldBe(1);
    }

    [Fact]
    public void Roc_TiedScores_MoveDiagonallyInOneStep()
    {
        var roc = BinaryCurves.Roc([0.5, 0.5], [true, false]);

        roc.Count.ShouldBe(2);
        roc[1].ShouldBe(new RocPoint(0.5, 1, 1));
    }

    [Fact]
    public void Roc_ManyDistinctScores_IsThinnedToTheLimit()
    {
        var random = new Random(1);
        var scores = Enumerable.Range(0, 5_000).Select(_ => random.NextDouble()).ToArray();
        var labels = scores.Select(s => random.NextDouble() < s).ToArray();

        var roc = BinaryCurves.Roc(scores, labels);

        roc.Count.ShouldBe(BinaryCurves.MaxRocPoints);
        roc[0].TruePositiveRate.ShouldBe(0);
        roc[^1].TruePositiveRate.ShouldBe(1);
        roc.Select(p => p.FalsePositiveRate).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void Roc_OneClassOnly_IsEmpty()
    {
        BinaryCurves.Roc([0.2, 0.7], [true, true]).ShouldBeEmpty();
    }

    [Fact]
    public void Deciles_TwentyRows_GiveLiftAndCumulativeGainPerTenth()
    {
        // Scores 20..1; positives are the rows scored 20, 19 and 11 (3 of 20: overall rate 0.15).
        var scores = Enumerable.Range(1, 20).Reverse().Select(i => (double)i).ToArray();
        var labels = scores.Select(s => s is 20 or 19 or 11).ToArray();

        var deciles = BinaryCurves.Deciles(scores, labels);

        deciles.Count.ShouldBe(10);
        deciles[0].ShouldBe(new DecileLift(1, 2, 2, 1.0, 1.0 / 0.15, 2.0 / 3));
        deciles[4].Positives.ShouldBe(1);
        deciles[4].CumulativeGain.ShouldBe(1);
        deciles[9].Lift.ShouldBe(0);
    }

    [Fact]
    public void Evaluate_Binary_StoresRocAndDecilesInDetails()
    {
        var metrics = BinaryEvaluation.Evaluate([0.9, 0.2, 0.7, 0.4], [true, false, false, true], "test split", 10);

        var roundTripped = ModelMetrics.FromJson(metrics.ToJson());

        var details = roundTripped.Details!.Value;
        details.GetProperty("roc").GetArrayLength().ShouldBeGreaterThan(2);
        details.GetProperty("deciles").GetArrayLength().ShouldBe(4);
        details.GetProperty("calibration").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void ByDecile_Regression_AveragesPredictedAndActualPerTenthByPrediction()
    {
        double[] predicted = [10, 1, 5, 2, 8, 3, 9, 4, 7, 6];
        double[] actual = [100, 10, 50, 20, 80, 30, 90, 40, 70, 60];

        var bins = RegressionEvaluation.ByDecile(predicted, actual);

        bins.Count.ShouldBe(10);
        bins[0].ShouldBe(new RegressionBin(1, 1, 1, 10));
        bins[9].ShouldBe(new RegressionBin(10, 1, 10, 100));
        RegressionEvaluation.Evaluate(predicted, actual, "test", 5).Details!.Value.GetProperty("predictedVsActual").GetArrayLength().ShouldBe(10);
    }
}
