using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.Sync;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>The connector with the real SyncRunner, WriteBackRunner and SQLite store, against the sandbox.</summary>
public sealed class SyncTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-sf-").FullName;

    [Fact]
    public async Task Sync_AfterSimulatedUserChanges_StoreEqualsCrmIncludingDeletesAndMerges()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 400, Seed = 3 });
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        using var connector = SalesforceConnector.Create(SfTruth.Options(sandbox));
        using var truth = new SfTruth(sandbox);
        var runner = new SyncRunner(store.Records, store.Cursors);
        var org = (await connector.Source.CheckAsync()).Org!.Value;
        (await runner.RunAsync(org, connector.Source, "Lead", full: false)).Error.ShouldBeNull();

        var changes = await sandbox.SimulateAsync("org1", 120);
        var incremental = await runner.RunAsync(org, connector.Source, "Lead", full: false);

        incremental.Error.ShouldBeNull();
        incremental.Full.ShouldBeFalse();
        incremental.Read.ShouldBeLessThan(200, "an incremental read moves the changes, not the table");
        (changes.Created + changes.Updated + changes.Deleted).ShouldBeGreaterThan(0);
        (await StoredAsync(store, org, "Lead")).ShouldBe(await truth.RecordsAsync(), ignoreOrder: true);
        (await runner.RunAsync(org, connector.Source, "Lead", full: false)).Read.ShouldBe(0);
    }

    [Fact]
    public async Task Sync_WithTransientFaults_StoreEqualsCrm()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = 400, Seed = 5, Faults = new FaultSettings { Seed = 9, ServiceUnavailable = 0.15, InternalServerError = 0.1, TokenExpiry = 0.05 },
        });
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var options = SfTruth.Options(sandbox);
        options.MaxRetries = 6;
        using var connector = SalesforceConnector.Create(options);
        var runner = new SyncRunner(store.Records, store.Cursors);
        var org = OrgId.Parse((await connector.Source.CheckAsync()).Org!.Value.Value);

        var result = await runner.RunAsync(org, connector.Source, "Lead", full: false);

        result.Error.ShouldBeNull();
        connector.Usage.Retries.ShouldBeGreaterThan(0);
        using var truth = new SfTruth(sandbox);
        await truth.SetFaultsAsync(new FaultSettings());
        (await StoredAsync(store, org, "Lead")).ShouldBe(await truth.RecordsAsync(), ignoreOrder: true);
    }

    [Fact]
    public async Task Sync_TwoOrgsWithOverlappingIds_StayApart()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 200, Seed = 4, Orgs = 2 });
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var runner = new SyncRunner(store.Records, store.Cursors);
        var stored = new List<Dictionary<string, DateTimeOffset>>();
        var orgs = new List<OrgId>();
        for (var i = 0; i < 2; i++)
        {
            using var connector = SalesforceConnector.Create(SfTruth.Options(sandbox, org: i));
            using var truth = new SfTruth(sandbox, i);
            var org = (await connector.Source.CheckAsync()).Org!.Value;
            (await runner.RunAsync(org, connector.Source, "Lead", full: false)).Error.ShouldBeNull();
            orgs.Add(org);
            stored.Add(await StoredAsync(store, org, "Lead"));
            stored[i].ShouldBe(await truth.RecordsAsync(), ignoreOrder: true);
        }

        orgs[0].ShouldNotBe(orgs[1]);
        stored[0].Keys.Intersect(stored[1].Keys).ShouldNotBeEmpty("org2 is a copy of org1, so ids overlap");
    }

    [Fact]
    public async Task WriteBack_SecondRunAndImmaterialChange_MakeNoWriteCalls()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 6 });
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        using var connector = SalesforceConnector.Create(SfTruth.Options(sandbox));
        using var truth = new SfTruth(sandbox);
        var org = (await connector.Source.CheckAsync()).Org!.Value;
        (await new SyncRunner(store.Records, store.Cursors).RunAsync(org, connector.Source, "Lead", full: false)).Error.ShouldBeNull();
        var ids = (await truth.QueryAsync("SELECT Id FROM Lead WHERE IsConverted = false")).EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).Take(250).ToList();
        var runner = new WriteBackRunner(store.Outputs, store.Records, OutputCatalogue.Default, new WriteBackOptions(), TimeProvider.System);
        var produced = DateTimeOffset.UtcNow;

        await store.Outputs.SaveAsync(org, [.. ids.Select((id, i) => Output(id, 40 + (i % 50), produced))]);
        var first = await Calls(truth, () => runner.RunAsync(org, CrmKind.Salesforce, "Lead", connector.Writer));
        var second = await Calls(truth, () => runner.RunAsync(org, CrmKind.Salesforce, "Lead", connector.Writer));
        await store.Outputs.SaveAsync(org, [.. ids.Select((id, i) => Output(id, 41 + (i % 50), produced.AddMinutes(1)))]);
        var immaterial = await Calls(truth, () => runner.RunAsync(org, CrmKind.Salesforce, "Lead", connector.Writer));

        first.Result[WriteStatus.Written].ShouldBe(ids.Count);
        first.Calls.ShouldBe((ids.Count + 199) / 200);
        second.Calls.ShouldBe(0);
        immaterial.Calls.ShouldBe(0);
        immaterial.Result[WriteStatus.SkippedImmaterial].ShouldBe(ids.Count);
        SfTruth.Value(await truth.RecordAsync("Lead", ids[3]), "CRMX_Score__c").ShouldBe(new NumberValue(43));
    }

    [Fact]
    public async Task WriteBack_AboveBulkThreshold_OneBulkJobThenNoneWhenNothingChanged()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 7 });
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var options = SfTruth.Options(sandbox);
        options.BulkWriteThreshold = 100;
        options.BulkPollInterval = TimeSpan.FromMilliseconds(10);
        using var connector = SalesforceConnector.Create(options);
        using var truth = new SfTruth(sandbox);
        var org = (await connector.Source.CheckAsync()).Org!.Value;
        (await new SyncRunner(store.Records, store.Cursors).RunAsync(org, connector.Source, "Lead", full: false)).Error.ShouldBeNull();
        var ids = (await truth.QueryAsync("SELECT Id FROM Lead WHERE IsConverted = false")).EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).Take(250).ToList();
        // WriteBack:BatchSize is below the threshold: the writer's preferred size still lets it see all 250 updates.
        var runner = new WriteBackRunner(store.Outputs, store.Records, OutputCatalogue.Default, new WriteBackOptions { BatchSize = 50 }, TimeProvider.System);
        await store.Outputs.SaveAsync(org, [.. ids.Select((id, i) => Output(id, 20 + (i % 50), DateTimeOffset.UtcNow))]);

        var jobs = await truth.CallsAsync("SF POST jobs/ingest");
        var collections = await truth.CallsAsync("SF PATCH composite/sobjects");
        var first = await runner.RunAsync(org, CrmKind.Salesforce, "Lead", connector.Writer);
        var afterFirst = await truth.CallsAsync("SF POST jobs/ingest");
        var second = await runner.RunAsync(org, CrmKind.Salesforce, "Lead", connector.Writer);

        first[WriteStatus.Written].ShouldBe(ids.Count);
        (afterFirst - jobs).ShouldBe(1);
        (await truth.CallsAsync("SF POST jobs/ingest")).ShouldBe(afterFirst, "nothing changed: no second job");
        (await truth.CallsAsync("SF PATCH composite/sobjects")).ShouldBe(collections);
        second[WriteStatus.Written].ShouldBe(0);
        second[WriteStatus.SkippedUnchanged].ShouldBe(ids.Count);
        SfTruth.Value(await truth.RecordAsync("Lead", ids[7]), "CRMX_Score__c").ShouldBe(new NumberValue(27));
    }

    [Fact]
    public async Task WriteBack_AboveBulkThreshold_SplitsIntoJobsOfBulkJobRecords()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 7 });
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var options = SfTruth.Options(sandbox);
        options.BulkWriteThreshold = 60;
        options.BulkJobRecords = 100;
        options.BulkPollInterval = TimeSpan.FromMilliseconds(10);
        using var connector = SalesforceConnector.Create(options);
        using var truth = new SfTruth(sandbox);
        var org = (await connector.Source.CheckAsync()).Org!.Value;
        (await new SyncRunner(store.Records, store.Cursors).RunAsync(org, connector.Source, "Lead", full: false)).Error.ShouldBeNull();
        var ids = (await truth.QueryAsync("SELECT Id FROM Lead WHERE IsConverted = false")).EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).Take(150).ToList();
        ids.Count.ShouldBe(150);
        var runner = new WriteBackRunner(store.Outputs, store.Records, OutputCatalogue.Default, new WriteBackOptions { BatchSize = 50 }, TimeProvider.System);
        await store.Outputs.SaveAsync(org, [.. ids.Select((id, i) => Output(id, 20 + (i % 50), DateTimeOffset.UtcNow))]);

        var jobs = await truth.CallsAsync("SF POST jobs/ingest");
        var collections = await truth.CallsAsync("SF PATCH composite/sobjects");
        var result = await runner.RunAsync(org, CrmKind.Salesforce, "Lead", connector.Writer);

        result[WriteStatus.Written].ShouldBe(150);
        // WriteBack:BatchSize 50, the writer prefers 100 a call: one job of 100, then 50 (not above the threshold of 60) in one collection call.
        ((await truth.CallsAsync("SF POST jobs/ingest")) - jobs).ShouldBe(1);
        ((await truth.CallsAsync("SF PATCH composite/sobjects")) - collections).ShouldBe(1);
    }

    private static OutputValue Output(string id, int score, DateTimeOffset at) =>
        new("Lead", id, "CRMX_Score__c", new NumberValue(score), DefaultModels.LeadConversion, 1, at);

    private static async Task<(WriteBackResult Result, long Calls)> Calls(SfTruth truth, Func<Task<WriteBackResult>> run)
    {
        var before = await truth.CallsAsync("SF PATCH composite/sobjects");
        var result = await run();
        return (result, await truth.CallsAsync("SF PATCH composite/sobjects") - before);
    }

    private static async Task<Dictionary<string, DateTimeOffset>> StoredAsync(CrmStore store, OrgId org, string entity)
    {
        var stored = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var r in store.Records.ReadAsync(new RecordQuery(org, entity)))
        {
            if (!r.Record.Deleted)
            {
                stored.Add(r.Record.Id, r.Record.ModifiedOn);
            }
        }

        return stored;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
