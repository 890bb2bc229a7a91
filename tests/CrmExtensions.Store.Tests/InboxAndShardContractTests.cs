using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Testing.Builders;

namespace CrmExtensions.Store.Tests;

/// <summary>Schema v2: the record-event inbox and the shard ledger, on both providers.</summary>
public abstract class InboxAndShardContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private CrmStore? _store;

    protected CrmStore Store => _store ?? throw new InvalidOperationException("Store not open.");

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected abstract Task<CrmStore> OpenStoreAsync();

    [SkippableFact]
    public async Task Enqueue_SameEventKeyTwice_StoresItOnce()
    {
        var org = TestOrgs.Unique();
        var item = new RecordEvent("dv:1", "lead", Guid.NewGuid().ToString(), T0);

        (await Store.Events.EnqueueAsync(org, [item])).ShouldBe(1);
        (await Store.Events.EnqueueAsync(org, [item, item with { EventKey = "dv:2" }])).ShouldBe(1);

        var claimed = await Store.Events.ClaimAsync(100, T0, T0.AddMinutes(5));
        claimed.Where(c => c.Org == org).Select(c => c.Event.EventKey).ShouldBe(["dv:1", "dv:2"]);
    }

    [SkippableFact]
    public async Task Claim_LeasedEvents_AreInvisibleUntilTheLeaseEnds_AndCompletedOnesNeverReturn()
    {
        var org = TestOrgs.Unique();
        await Store.Events.EnqueueAsync(org, [new RecordEvent("k1", "lead", Guid.NewGuid().ToString(), T0), new RecordEvent("k2", "lead", Guid.NewGuid().ToString(), T0)]);
        var first = (await Store.Events.ClaimAsync(100, T0, T0.AddMinutes(5))).Where(c => c.Org == org).ToList();

        (await Store.Events.ClaimAsync(100, T0.AddMinutes(1), T0.AddMinutes(6))).ShouldNotContain(c => c.Org == org);
        await Store.Events.CompleteAsync([first[0]], "processed", T0.AddMinutes(2));
        var afterLease = (await Store.Events.ClaimAsync(100, T0.AddMinutes(10), T0.AddMinutes(15))).Where(c => c.Org == org).ToList();

        afterLease.Select(c => (c.Event.EventKey, c.Attempts)).ShouldBe([("k2", 2)]);
    }

    [SkippableFact]
    public async Task Enqueue_WithACarriedRow_ClaimReturnsIt_AndCompletedEventsStayDone()
    {
        var org = TestOrgs.Unique();
        const string row = """{"leadsourcecode":8,"modifiedon":"2026-01-01T00:00:00Z"}""";
        await Store.Events.EnqueueAsync(org, [new RecordEvent("r1", "lead", Guid.NewGuid().ToString(), T0) { Row = row }, new RecordEvent("r2", "lead", Guid.NewGuid().ToString(), T0)]);

        var claimed = (await Store.Events.ClaimAsync(100, T0, T0.AddMinutes(5))).Where(c => c.Org == org).ToList();
        await Store.Events.CompleteAsync([claimed[0]], "processed", T0.AddMinutes(1));
        var again = (await Store.Events.ClaimAsync(100, T0.AddMinutes(10), T0.AddMinutes(15))).Where(c => c.Org == org).ToList();

        claimed.Select(c => c.Event.Row).ShouldBe([row, null]);
        again.Single().Event.EventKey.ShouldBe("r2");
    }

    [SkippableFact]
    public async Task Shards_CompletedWithResults_ListThem()
    {
        var org = TestOrgs.Unique();
        var run = new ShardRun(Guid.NewGuid().ToString("n"), org, "sales", "score:lead-conversion", 2);
        await Store.Shards.CreateAsync(run, [new ShardRange(0, null, "m"), new ShardRange(1, "m", null)]);

        (await Store.Shards.CompleteAsync(run.RunId, 1, T0, """{"Version":3}""")).ShouldBeFalse();
        (await Store.Shards.CompleteAsync(run.RunId, 1, T0, """{"Version":4}""")).ShouldBeFalse();
        (await Store.Shards.CompleteAsync(run.RunId, 0, T0)).ShouldBeTrue();

        (await Store.Shards.ListAsync(run.RunId)).Select(s => s.Result).ShouldBe([null, """{"Version":3}"""], "a repeated completion changes nothing");
    }

    [SkippableFact]
    public async Task Enqueue_BadRecordId_NamesTheRecordAndStoresNothing()
    {
        var org = TestOrgs.Unique();

        Should.Throw<RecordValidationException>(() => Store.Events.EnqueueAsync(org, [new RecordEvent("ok", "lead", "a", T0), new RecordEvent("bad", "lead", "", T0)]));

        (await Store.Events.ClaimAsync(100, T0, T0.AddMinutes(5))).ShouldNotContain(c => c.Org == org);
    }

    [SkippableFact]
    public async Task Shards_CompletingTheLastOne_IsReportedOnce_AndRepeatedCompletionsDoNotCount()
    {
        var org = TestOrgs.Unique();
        var run = new ShardRun(Guid.NewGuid().ToString("n"), org, "sales", "score:lead-conversion", 3);
        await Store.Shards.CreateAsync(run, [new ShardRange(0, null, "b"), new ShardRange(1, "b", "d"), new ShardRange(2, "d", null)]);
        await Store.Shards.CreateAsync(run, [new ShardRange(0, null, null)]);

        (await Store.Shards.StartAsync(run.RunId, 1))!.Value.Shard.Range.ShouldBe(new ShardRange(1, "b", "d"));
        (await Store.Shards.CompleteAsync(run.RunId, 0, T0)).ShouldBeFalse();
        (await Store.Shards.CompleteAsync(run.RunId, 0, T0)).ShouldBeFalse();
        (await Store.Shards.CompleteAsync(run.RunId, 2, T0)).ShouldBeFalse();
        (await Store.Shards.CompleteAsync(run.RunId, 1, T0)).ShouldBeTrue();
        (await Store.Shards.CompleteAsync(run.RunId, 1, T0)).ShouldBeFalse();

        var shards = await Store.Shards.ListAsync(run.RunId);
        shards.Count.ShouldBe(3);
        shards.ShouldAllBe(s => s.Completed);
        shards.Select(s => s.Attempts).ShouldBe([0, 1, 0]);
    }

    [SkippableFact]
    public async Task Shards_CompletedConcurrently_ReportTheRunDoneExactlyOnce()
    {
        var org = TestOrgs.Unique();
        var run = new ShardRun(Guid.NewGuid().ToString("n"), org, "sales", "score:x", 16);
        await Store.Shards.CreateAsync(run, [.. Enumerable.Range(0, 16).Select(i => new ShardRange(i, null, null))]);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Store.Shards.CompleteAsync(run.RunId, i, T0))));

        results.Count(done => done).ShouldBe(1);
    }
}

public sealed class SqliteInboxAndShardTests : InboxAndShardContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-inbox-" + Guid.NewGuid().ToString("n"));

    protected override Task<CrmStore> OpenStoreAsync() => CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

public sealed class PostgresInboxAndShardTests : InboxAndShardContractTests
{
    protected override Task<CrmStore> OpenStoreAsync() => CrmStore.OpenAsync(new StoreOptions { ConnectionString = PostgresTestDatabase.ConnectionString() });
}
