using CrmExtensions.Connectors.Common.Sync;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using CrmExtensions.Testing.Builders;
using CrmExtensions.Testing.Fakes;

namespace CrmExtensions.Connectors.Common.Tests;

public sealed class SyncRunnerTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-sync-" + Guid.NewGuid().ToString("n"));
    private CrmStore _store = null!;

    public async Task InitializeAsync() => _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Run_FirstThenIncremental_StoreEqualsCrm()
    {
        var crm = new FakeCrm(TestOrgs.Production, "lead", records: 95, pageSize: 10);
        var runner = new SyncRunner(_store.Records, _store.Cursors);

        var full = await runner.RunAsync(crm.Org, new FakeCrmSource(crm), "lead", full: false);
        crm.Delete("lead-000003");
        crm.Update("lead-000004", "name", new TextValue("renamed"));
        crm.Create();
        var incremental = await runner.RunAsync(crm.Org, new FakeCrmSource(crm), "lead", full: false);

        full.ShouldSatisfyAllConditions(() => full.Full.ShouldBeTrue(), () => full.Read.ShouldBe(95), () => full.Batches.ShouldBe(10));
        incremental.ShouldSatisfyAllConditions(() => incremental.Full.ShouldBeFalse(), () => incremental.Read.ShouldBe(3), () => incremental.Deleted.ShouldBe(1));
        (await StoredSnapshot(crm.Org)).ShouldBe(crm.Snapshot(), ignoreOrder: true);
    }

    [Fact]
    public async Task Run_ConnectionDropsMidRead_ReportsPartialAndNextRunLosesAndDoublesNothing()
    {
        var crm = new FakeCrm(TestOrgs.Production, "lead", records: 50, pageSize: 10) { FailAfterPages = 3 };
        var runner = new SyncRunner(_store.Records, _store.Cursors);

        var broken = await runner.RunAsync(crm.Org, new FakeCrmSource(crm), "lead", full: false);
        crm.FailAfterPages = null;
        var resumed = await runner.RunAsync(crm.Org, new FakeCrmSource(crm), "lead", full: false);

        broken.Succeeded.ShouldBeFalse();
        broken.Error.ShouldNotBeNull().ShouldContain("after 3 stored batches");
        resumed.Succeeded.ShouldBeTrue();
        resumed.Read.ShouldBe(20);
        (await StoredSnapshot(crm.Org)).ShouldBe(crm.Snapshot(), ignoreOrder: true);
    }

    [Fact]
    public async Task Run_CursorExpiredAfterDeletes_FullResyncTombstonesWhatIsGone()
    {
        var crm = new FakeCrm(TestOrgs.Production, "lead", records: 30, pageSize: 10);
        var runner = new SyncRunner(_store.Records, _store.Cursors);
        await runner.RunAsync(crm.Org, new FakeCrmSource(crm), "lead", full: false);
        crm.Delete("lead-000004");
        crm.Delete("lead-000017");
        crm.ExpireCursors = true;

        var resync = await runner.RunAsync(crm.Org, new FakeCrmSource(crm), "lead", full: false);

        resync.Succeeded.ShouldBeTrue();
        resync.Deleted.ShouldBe(2);
        (await StoredSnapshot(crm.Org)).ShouldBe(crm.Snapshot(), ignoreOrder: true);
        (await _store.Records.GetAsync(crm.Org, "lead", "lead-000017"))!.Deleted.ShouldBeTrue();
    }

    [Fact]
    public async Task Run_FullReadResumedFromCursor_DoesNotTombstone()
    {
        var crm = new FakeCrm(TestOrgs.Production, "lead", records: 30, pageSize: 10) { FailAfterPages = 1 };
        var runner = new SyncRunner(_store.Records, _store.Cursors);
        await runner.RunAsync(crm.Org, new FakeCrmSource(crm), "lead", full: false);
        crm.FailAfterPages = null;

        var resumed = await runner.RunAsync(crm.Org, new FakeCrmSource(crm), "lead", full: false);

        // The resumed full read delivers only the last 20 leads; the 10 stored before the crash must stay live.
        resumed.Read.ShouldBe(20);
        resumed.Deleted.ShouldBe(0);
        (await StoredSnapshot(crm.Org)).Count.ShouldBe(30);
    }

    [Fact]
    public async Task Run_TwoOrgsWithSameIds_StayApart()
    {
        var production = new FakeCrm(TestOrgs.Production, "lead", records: 12, pageSize: 5);
        var uat = new FakeCrm(TestOrgs.Uat, "lead", records: 12, pageSize: 5);
        uat.Delete("lead-000000");
        var runner = new SyncRunner(_store.Records, _store.Cursors);

        await runner.RunAsync(production.Org, new FakeCrmSource(production), "lead", full: false);
        await runner.RunAsync(uat.Org, new FakeCrmSource(uat), "lead", full: false);

        (await StoredSnapshot(production.Org)).Count.ShouldBe(12);
        (await StoredSnapshot(uat.Org)).Count.ShouldBe(11);
    }

    private async Task<Dictionary<string, DateTimeOffset>> StoredSnapshot(OrgId org)
    {
        var snapshot = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var stored in _store.Records.ReadAsync(new RecordQuery(org, "lead")))
        {
            snapshot[stored.Record.Id] = stored.Record.ModifiedOn;
        }

        return snapshot;
    }
}
