using CrmExtensions.Scoring.Scores;

namespace CrmExtensions.Scoring.Tests.Drift;

public sealed class GradeCutoffsTests
{
    [Fact]
    public void FromQuantiles_UniformScores_GivesQuarterGrades()
    {
        var scores = Enumerable.Range(0, 101).Select(i => (double)i).ToArray();

        var cutoffs = GradeCutoffs.FromQuantiles(scores);

        cutoffs.ShouldBe(new GradeCutoffs(75, 50, 25));
        scores.GroupBy(cutoffs.Grade).Select(g => g.Count()).ShouldAllBe(c => c >= 25 && c <= 26);
    }

    [Fact]
    public void FromQuantiles_ConfiguredQuantiles_AreUsedAndValidated()
    {
        var scores = Enumerable.Range(0, 101).Select(i => (double)i).ToArray();

        GradeCutoffs.FromQuantiles(scores, [0.9, 0.6, 0.3]).ShouldBe(new GradeCutoffs(90, 60, 30));
        Should.Throw<ArgumentException>(() => GradeCutoffs.FromQuantiles(scores, [0.3, 0.6, 0.9]));
    }
}
