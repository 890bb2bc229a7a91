using System.Text.Json;

namespace CrmExtensions.Cli.Tests;

public sealed class BenchVerbTests
{
    [Fact]
    public async Task Bench_SmallScale_ReportsEveryPhaseWithinTheCallBudget()
    {
        var (code, output, error) = await Cli.Run("bench", "--scale", "300", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var phases = json.RootElement.GetProperty("phases").EnumerateArray().ToList();
        phases.Select(p => p.GetProperty("name").GetString()).ShouldBe([
            "connect and check (token, WhoAmI, metadata)", "full sync", "train", "score", "write-back",
            "incremental sync", "rescore", "write-back (material changes only)", "write-back again (nothing changed)"]);
        foreach (var phase in phases)
        {
            var moved = phase.GetProperty("dataPages").GetInt64() + phase.GetProperty("writeCalls").GetInt64();
            var minimum = phase.GetProperty("minimumCalls").GetInt64();
            // Never below the protocol minimum (that would mean records were not read or written), and close to it.
            moved.ShouldBeGreaterThanOrEqualTo(minimum, phase.ToString());
            if (phase.GetProperty("name").GetString() != "connect and check (token, WhoAmI, metadata)")
            {
                moved.ShouldBeLessThanOrEqualTo((minimum * 2) + 1, phase.ToString());
            }
        }

        phases.Single(p => p.GetProperty("name").GetString() == "full sync").GetProperty("records").GetInt64().ShouldBeGreaterThan(300);
        phases.Single(p => p.GetProperty("name").GetString() == "score").GetProperty("writeCalls").GetInt64().ShouldBe(0);
        var unchanged = phases.Single(p => p.GetProperty("name").GetString() == "write-back again (nothing changed)");
        (unchanged.GetProperty("writeCalls").GetInt64(), unchanged.GetProperty("records").GetInt64()).ShouldBe((0L, 0L));
        var totals = json.RootElement.GetProperty("totals");
        totals.GetProperty("tokenCalls").GetInt64().ShouldBe(1);
        totals.GetProperty("peakMegabytes").GetDouble().ShouldBeGreaterThan(0);

        // The sandbox ran as a child process: its peak is reported apart, per phase.
        json.RootElement.GetProperty("sandbox").GetString().ShouldBe("child process");
        foreach (var phase in phases)
        {
            phase.GetProperty("sandboxPeakMegabytes").GetDouble().ShouldBeGreaterThan(0, phase.ToString());
        }

        totals.GetProperty("sandboxPeakMegabytes").GetDouble().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Bench_InProcessSandbox_ReportsNoSandboxPeakOfItsOwn()
    {
        var (code, output, error) = await Cli.Run("bench", "--scale", "200", "--in-process-sandbox", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("sandbox").GetString().ShouldBe("in process");
        json.RootElement.GetProperty("phases").GetArrayLength().ShouldBe(9);
        json.RootElement.GetProperty("totals").GetProperty("sandboxPeakMegabytes").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
