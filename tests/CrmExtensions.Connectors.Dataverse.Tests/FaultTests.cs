using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>Service protection and failures (dataverse.md §4, §3): survived where transient, reported per record where not.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Read_TooManyRequestsWithRetryAfter_WaitsAndReadsEverything()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 150, Seed = 5 });
        using var truth = new CrmTruth(sandbox);
        using var transport = new RecordingHandler();
        using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox, pageSize: 40), transport);
        await truth.SetFaultsAsync(new FaultSettings { Seed = 7, TooManyRequests = 0.25 });

        var (batches, _) = await Reads.AllAsync(connector.Source, "lead", null);
        await truth.SetFaultsAsync(new FaultSettings());

        Reads.Live(batches).ShouldBe(await truth.LeadsAsync(), ignoreOrder: true);
        var attempts = transport.Attempts.ToList();
        var throttled = attempts.FindIndex(a => a.Status == 429);
        throttled.ShouldBeGreaterThanOrEqualTo(0, "the fault seed must produce at least one 429");
        // The sandbox sends Retry-After: 2; the retry must wait for it, not the 20 ms back-off configured.
        (attempts[throttled + 1].At - attempts[throttled].At).ShouldBeGreaterThan(TimeSpan.FromSeconds(1.8));
        connector.Usage.Throttled.ShouldBe(attempts.Count(a => a.Status == 429));
        connector.Usage.Retries.ShouldBeGreaterThanOrEqualTo(connector.Usage.Throttled);
        connector.Usage.Attempts.ShouldBe(attempts.Count(a => !a.Path.Contains("oauth2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Read_ServiceUnavailableAndServerErrors_AreRetried()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 150, Seed = 6 });
        using var truth = new CrmTruth(sandbox);
        using var transport = new RecordingHandler();
        using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox, pageSize: 40), transport);
        await truth.SetFaultsAsync(new FaultSettings { Seed = 3, ServiceUnavailable = 0.25, InternalServerError = 0.1 });

        var (batches, _) = await Reads.AllAsync(connector.Source, "lead", null);
        await truth.SetFaultsAsync(new FaultSettings());

        Reads.Live(batches).ShouldBe(await truth.LeadsAsync(), ignoreOrder: true);
        transport.Attempts.ShouldContain(a => a.Status == 503);
    }

    [Fact]
    public async Task Read_ConnectionResetMidPage_IsRetried()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 150, Seed = 9 });
        using var truth = new CrmTruth(sandbox);
        using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox, pageSize: 40));
        var expected = await truth.LeadsAsync();
        var resetsBefore = await truth.CallsAsync("GET leads");
        await truth.SetFaultsAsync(new FaultSettings { Seed = 4, ConnectionReset = 0.3 });

        var (batches, _) = await Reads.AllAsync(connector.Source, "lead", null);
        await truth.SetFaultsAsync(new FaultSettings());

        Reads.Live(batches).ShouldBe(expected, ignoreOrder: true);
        // More GETs than the 4 pages: the cut-off pages were fetched again.
        (await truth.CallsAsync("GET leads") - resetsBefore).ShouldBeGreaterThan(4);
    }

    [Fact]
    public async Task Write_Throttled_ReducesParallelismAndWritesEverything()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 100, Seed = 10 });
        using (var setup = new CrmTruth(sandbox))
        {
            await setup.AddIntegerColumnAsync("lead", SandboxFixture.OutputField);
        }

        using var truth = new CrmTruth(sandbox);
        var options = CrmTruth.Options(sandbox, batchSize: 5);
        options.MaxParallelism = 4;
        using var connector = DataverseConnector.Create(options);
        var ids = (await truth.LeadsAsync()).Keys.Order(StringComparer.Ordinal).Take(30).ToList();
        await truth.SetFaultsAsync(new FaultSettings { Seed = 5, TooManyRequests = 0.3 });

        var outcomes = await connector.Writer.WriteAsync("lead",
            [.. ids.Select(id => new RecordUpdate("lead", id, new Dictionary<string, FieldValue?> { [SandboxFixture.OutputField] = new NumberValue(9) }))]);
        await truth.SetFaultsAsync(new FaultSettings());

        outcomes.ShouldAllBe(o => o.Status == WriteStatus.Written);
        connector.Usage.Throttled.ShouldBeGreaterThan(0, "the fault seed must throttle some batches");
        ((Writing.DataverseWriter)connector.Writer).LowestParallelism.ShouldBeLessThan(4);
    }

    [Fact]
    public async Task Write_FailuresInsideBatch_FailOnlyThoseRecords()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 100, Seed = 8 });
        using (var setup = new CrmTruth(sandbox))
        {
            await setup.AddIntegerColumnAsync("lead", SandboxFixture.OutputField);
        }

        using var truth = new CrmTruth(sandbox);
        using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox, batchSize: 10));
        var ids = (await truth.LeadsAsync()).Keys.Order(StringComparer.Ordinal).Take(30).ToList();
        await truth.SetFaultsAsync(new FaultSettings { Seed = 2, BatchItemFailure = 0.3 });

        var outcomes = await connector.Writer.WriteAsync("lead",
            [.. ids.Select(id => new RecordUpdate("lead", id, new Dictionary<string, FieldValue?> { [SandboxFixture.OutputField] = new NumberValue(42) }))]);
        await truth.SetFaultsAsync(new FaultSettings());

        outcomes.Select(o => o.RecordId).ShouldBe(ids, ignoreOrder: true);
        var failed = outcomes.Where(o => o.Status == WriteStatus.Failed).ToList();
        failed.ShouldNotBeEmpty("the fault seed must fail some parts");
        failed.ShouldAllBe(o => o.Reason!.StartsWith("500", StringComparison.Ordinal));
        foreach (var outcome in outcomes)
        {
            var value = CrmTruth.Value(await truth.LeadAsync(outcome.RecordId), SandboxFixture.OutputField);
            if (outcome.Status == WriteStatus.Written)
            {
                value.ShouldBe(new NumberValue(42));
            }
            else
            {
                value.ShouldBeNull();
            }
        }
    }
}
