using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Purchases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Segmentation;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Jobs.Tests;

/// <summary>
/// Segments and next-best products on the sandbox's purchase history, synced through the Dataverse connector into a
/// SQLite store: the bar (hit-rate@10 ≥ 1.1 × popularity and ≥ item-to-item on a time split) and stable names.
/// </summary>
public sealed class PurchaseJobsOnSandboxTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Tables = ["account", "product", "salesorder", "salesorderdetail"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-purchases-" + Guid.NewGuid().ToString("n"));
    private RunningSandbox _sandbox = null!;
    private CrmStore _store = null!;
    private OrgId _org;

    public async Task InitializeAsync()
    {
        // 8,000 leads give ~80 products, ~1,800 accounts and ~30k order lines: enough for a stable time split.
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 8_000, Seed = 2 });
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var org = _sandbox.Orgs[0];
        using var connector = DataverseConnector.Create(new DataverseOptions
        {
            EnvironmentUrl = org.Url,
            Authority = _sandbox.Credentials.Authority,
            ClientId = _sandbox.Credentials.ClientId,
            ClientSecret = _sandbox.Credentials.ClientSecret,
            Tables = { "account", "product", "salesorder", "salesorderdetail" },
        });
        _org = (await connector.Source.CheckAsync()).Org!.Value;
        var sync = new SyncJob(_store.Records, _store.Cursors, _store.JobRuns, TimeProvider.System);
        foreach (var table in Tables)
        {
            (await sync.RunAsync(_org, connector.Source, table, full: true)).Succeeded.ShouldBeTrue();
        }
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Recommend_SandboxPurchases_BeatsPopularityByTenPercentAndItemToItemOnTimeSplit()
    {
        var job = new RecommendJob(_store.Records, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, TimeProvider.System);

        var result = await job.RunAsync(_org, CrmKind.Dataverse, PurchaseSpec.For(CrmKind.Dataverse));

        var metrics = result.Registered.ShouldNotBeNull().Metrics.Values;
        var report = string.Join(", ", metrics.Select(m => $"{m.Key} {m.Value:0.000}"));
        output.WriteLine($"{result.Customers} customers: {report}");
        metrics["hitRate10"].ShouldBeGreaterThanOrEqualTo(1.10 * metrics["hitRate10_popularity"], report);
        metrics["hitRate10"].ShouldBeGreaterThanOrEqualTo(metrics["hitRate10_itemToItem"], report);
        result.Customers.ShouldBeGreaterThan(1000);
        var list = await OutputAsync("crmx_recommendations", 1);
        var text = list.Single().Value.ShouldBeOfType<LongTextValue>().Value;
        var lines = text.Split('\n');
        lines.Length.ShouldBe(10);
        lines[0].ShouldStartWith("1. ");
        text.Length.ShouldBeLessThanOrEqualTo(2000);
        // Product names, not ids, are what an account manager reads.
        text.ShouldNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-");
    }

    [Fact]
    public async Task Segment_RetrainAfterNoChange_KeepsEveryCustomersSegmentIdAndName()
    {
        var job = new SegmentJob(_store.Records, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, TimeProvider.System);
        var spec = PurchaseSpec.For(CrmKind.Dataverse);

        var first = await job.RunAsync(_org, CrmKind.Dataverse, spec);
        var names = await OutputAsync("crmx_segmentname", int.MaxValue);
        var second = await job.RunAsync(_org, CrmKind.Dataverse, spec, new SegmentationOptions { Seed = 99 });

        first.Profiles.Count.ShouldBeInRange(3, 8);
        first.Profiles.Select(p => p.Name).ShouldBeUnique();
        second.Registered.ShouldNotBeNull().Version.ShouldBe(2);
        second.Profiles.ShouldAllBe(p => p.Inherited);
        second.OutputsChanged.ShouldBe(0);
        (await OutputAsync("crmx_segmentname", int.MaxValue)).ShouldBe(names, ignoreOrder: true);
        var models = await _store.Models.ListAsync(_org, DefaultModels.CustomerSegment);
        models.Select(m => m.Status).ShouldBe([ModelStatus.Champion, ModelStatus.Retired]);
    }

    private async Task<List<(string Id, FieldValue? Value)>> OutputAsync(string field, int take)
    {
        var list = new List<(string, FieldValue?)>();
        await foreach (var state in _store.Outputs.ReadAsync(_org, "account"))
        {
            if (state.Field == field && list.Count < take)
            {
                list.Add((state.RecordId, state.Value));
            }
        }

        return list;
    }
}
