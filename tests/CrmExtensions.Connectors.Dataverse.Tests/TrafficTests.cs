using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>API usage as the sandbox counts it (<c>/_sandbox/stats</c>), and behaviour under injected faults.</summary>
public sealed class TrafficTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData(150)]
    [InlineData(5000)]
    public async Task Read_Full_UsesCeilRowsOverPageSizeDataPages(int pageSize)
    {
        using var truth = new CrmTruth(fixture.Sandbox);
        using var connector = DataverseConnector.Create(CrmTruth.Options(fixture.Sandbox, pageSize: pageSize));
        var rows = (await truth.LeadsAsync()).Count;
        await connector.Source.CheckAsync();
        var before = await truth.CallsAsync("GET leads");

        var (batches, _) = await Reads.AllAsync(connector.Source, "lead", null);

        var pages = (rows + pageSize - 1) / pageSize;
        (await truth.CallsAsync("GET leads") - before).ShouldBe(pages);
        batches.Count.ShouldBe(pages);
        Reads.Live(batches).Count.ShouldBe(rows);
    }

    [Theory]
    [InlineData(25, 10)]
    [InlineData(40, 40)]
    public async Task Write_NUpdates_UsesCeilNOverBatchSizeCalls(int n, int batchSize)
    {
        using var truth = new CrmTruth(fixture.Sandbox);
        using var connector = DataverseConnector.Create(CrmTruth.Options(fixture.Sandbox, batchSize: batchSize));
        var ids = (await truth.LeadsAsync()).Keys.Order(StringComparer.Ordinal).Take(n).ToList();
        var updates = ids.Select((id, i) => new RecordUpdate("lead", id, new Dictionary<string, FieldValue?> { [SandboxFixture.OutputField] = new NumberValue(i % 100) })).ToList();
        var before = await truth.CallsAsync("POST $batch");

        var outcomes = await connector.Writer.WriteAsync("lead", updates);

        (await truth.CallsAsync("POST $batch") - before).ShouldBe((n + batchSize - 1) / batchSize);
        outcomes.Count.ShouldBe(n);
        outcomes.ShouldAllBe(o => o.Status == WriteStatus.Written);
        CrmTruth.Value(await truth.LeadAsync(ids[7]), SandboxFixture.OutputField).ShouldBe(new NumberValue(7));
    }
}
