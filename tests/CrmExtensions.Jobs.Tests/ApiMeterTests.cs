namespace CrmExtensions.Jobs.Tests;

/// <summary>What a run row records of a connector's API counters.</summary>
public sealed class ApiMeterTests
{
    [Fact]
    public void Record_BudgetReported_AddsTheRunsCallsAndTheAllocation()
    {
        long calls = 40;
        var meter = new ApiMeter(() => calls, () => new ApiBudgetReading(1_234, 15_000));
        var before = meter.Calls();
        calls += 7;
        var counts = new Dictionary<string, long> { ["read"] = 10 };

        meter.Record(before, counts);

        counts["apiCalls"].ShouldBe(7);
        counts["apiBudgetUsed"].ShouldBe(1_234);
        counts["apiBudgetMax"].ShouldBe(15_000);
        counts["read"].ShouldBe(10);
    }

    [Theory]
    [InlineData(false, 0, 0)]
    [InlineData(true, -1, -1)]
    [InlineData(true, 5, 0)]
    public void Record_NoAllocationReported_AddsCallsOnly(bool hasBudget, long used, long max)
    {
        var meter = new ApiMeter(() => 3, hasBudget ? () => new ApiBudgetReading(used, max) : null);
        var counts = new Dictionary<string, long>();

        meter.Record(0, counts);

        counts.Keys.ShouldBe(["apiCalls"]);
        counts["apiCalls"].ShouldBe(3);
    }
}
