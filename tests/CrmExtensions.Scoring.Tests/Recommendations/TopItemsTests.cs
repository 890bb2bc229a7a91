using CrmExtensions.Scoring.Recommendations;

namespace CrmExtensions.Scoring.Tests.Recommendations;

public sealed class TopItemsTests
{
    [Fact]
    public void Select_ScoresWithTiesAndDisallowed_ReturnsBestFirstLowerIndexOnTies()
    {
        double[] scores = [0.5, 0.9, 0.9, 0.1, 2.0, double.NaN];

        var top = TopItems.Select(scores, 3, i => i != 4);

        top.ShouldBe([1, 2, 0]);
    }

    [Fact]
    public void Select_FewerAllowedThanN_ReturnsOnlyAllowed()
    {
        TopItems.Select([1.0, 2.0], 5, _ => true).ShouldBe([1, 0]);
    }
}
