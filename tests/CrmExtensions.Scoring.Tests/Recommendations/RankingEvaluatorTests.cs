using CrmExtensions.Scoring.Recommendations;

namespace CrmExtensions.Scoring.Tests.Recommendations;

public sealed class RankingEvaluatorTests
{
    [Fact]
    public void Evaluate_KnownRanking_GivesHandComputedFigures()
    {
        // 12 items; customer 0 owns item 0 and the scorer ranks items 11, 10, 9, … first. Customer 0's held-out items are
        // 10 (rank 2) and 3 (rank 9 of the allowed items 11..1): DCG = 1/log2(3) + 1/log2(10), IDCG = 1 + 1/log2(3).
        // Customer 1 owns item 0 too and its held-out item 1 is at rank 11 (outside the top 10).
        var train = InteractionMatrix.Build(2, 12, [(0, 0, 1f), (1, 0, 1f)]);
        var heldOut = new Dictionary<int, HashSet<int>> { [0] = [10, 3], [1] = [1] };

        var figures = RankingEvaluator.Evaluate(train, heldOut, new bool[12], (_, scores) =>
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = i;
            }
        });

        var ndcg0 = (1 / Math.Log2(3) + 1 / Math.Log2(10)) / (1 + 1 / Math.Log2(3));
        figures.Customers.ShouldBe(2);
        figures.HitRate.ShouldBe(0.5, 1e-12);
        figures.Precision.ShouldBe((0.2 + 0) / 2, 1e-12);
        figures.Ndcg.ShouldBe(ndcg0 / 2, 1e-12);
    }

    [Fact]
    public void Evaluate_CustomerWithoutTrainingHistory_IsNotCounted()
    {
        var train = InteractionMatrix.Build(2, 3, [(0, 0, 1f)]);
        var heldOut = new Dictionary<int, HashSet<int>> { [0] = [1], [1] = [2] };

        var figures = RankingEvaluator.Evaluate(train, heldOut, new bool[3], (_, scores) => scores.Fill(1));

        figures.Customers.ShouldBe(1);
    }
}
