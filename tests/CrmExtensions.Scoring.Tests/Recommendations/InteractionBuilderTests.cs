using CrmExtensions.Scoring.Recommendations;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Recommendations;

public sealed class InteractionBuilderTests
{
    private static readonly DateTime Day = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_PurchaseFullyReturned_DropsCell()
    {
        var set = TransactionSet.FromLines(["c"], ["a", "b"],
        [
            new(0, 0, Day, 2, 20, -1, false),
            new(0, 0, Day.AddDays(1), -2, -20, -1, true),
            new(0, 1, Day, 3, 30, -1, false),
            new(0, 1, Day.AddDays(1), -1, -10, -1, true),
        ]);

        var matrix = InteractionBuilder.Build(set);

        matrix.ItemsOf(0).ToArray().ShouldBe([1]);
        matrix.ValuesOf(0).ToArray().ShouldBe([1f]);
    }

    [Fact]
    public void NewItems_ItemsOwnedBeforeCut_AreNotHeldOut()
    {
        var set = TransactionSet.FromLines(["c"], ["a", "b"],
        [
            new(0, 0, Day, 1, 10, -1, false),
            new(0, 0, Day.AddDays(10), 1, 10, -1, false),
            new(0, 1, Day.AddDays(10), 1, 10, -1, false),
        ]);
        var cut = Day.AddDays(5);
        var train = InteractionBuilder.Build(set, DateTime.MinValue, cut);

        var heldOut = InteractionBuilder.NewItems(set, cut, DateTime.MaxValue, train);

        heldOut[0].ShouldBe([1]);
    }

    [Fact]
    public void Build_RecencyHalfLife_WeighsPurchasesByAge()
    {
        // Window ends at day 20: the day-10 purchase is one half-life old (0.5), the day-20 one is new (1).
        var set = TransactionSet.FromLines(["c"], ["a"],
        [
            new(0, 0, Day.AddDays(10), 1, 10, -1, false),
            new(0, 0, Day.AddDays(20), 1, 10, -1, false),
            new(0, 0, Day.AddDays(30), 1, 10, -1, false),
        ]);

        var matrix = InteractionBuilder.Build(set, DateTime.MinValue, Day.AddDays(20).AddTicks(1), halfLifeDays: 10);

        ((double)matrix.ValuesOf(0)[0]).ShouldBe(1.5, 1e-4);
    }
}
