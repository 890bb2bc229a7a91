using CrmExtensions.Connectors.Common.Sync;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using CrmExtensions.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>dataverse.md §2: an expired delta token leads to a full resync, in every variant the sandbox offers for that UNVERIFIED behaviour.</summary>
public sealed class DeltaExpiryTests
{
    public static TheoryData<DeltaTokenExpiredStatus, EmptyDeltaShape, bool> Variants()
    {
        var data = new TheoryData<DeltaTokenExpiredStatus, EmptyDeltaShape, bool>();
        foreach (var status in Enum.GetValues<DeltaTokenExpiredStatus>())
        {
            foreach (var empty in Enum.GetValues<EmptyDeltaShape>())
            {
                foreach (var quirk in new[] { false, true })
                {
                    data.Add(status, empty, quirk);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Read_ExpiredDeltaToken_ResyncsFullyThenContinuesIncrementally(DeltaTokenExpiredStatus status, EmptyDeltaShape empty, bool contextQuirk)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = 120, Seed = 2,
            Variants = new DataverseVariants { ExpiredDeltaTokenStatus = status, EmptyDelta = empty, DeltaContextWithoutApiSegment = contextQuirk },
        });
        using var truth = new CrmTruth(sandbox);
        using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox, pageSize: 50));
        var (_, cursor) = await Reads.AllAsync(connector.Source, "lead", null);
        (await Reads.AllAsync(connector.Source, "lead", cursor)).Batches.SelectMany(b => b.Records).ShouldBeEmpty();

        await truth.SetFaultsAsync(new FaultSettings { DeltaTokenExpiry = 1 });
        var (resync, fresh) = await Reads.AllAsync(connector.Source, "lead", cursor);
        await truth.SetFaultsAsync(new FaultSettings());

        resync.ShouldAllBe(b => b.FullRead);
        Reads.Live(resync).ShouldBe(await truth.LeadsAsync(), ignoreOrder: true);
        var id = (await truth.LeadsAsync()).Keys.Order(StringComparer.Ordinal).First();
        await truth.UpdateLeadAsync(id, "Changed after the resync");
        var (after, _) = await Reads.AllAsync(connector.Source, "lead", fresh);
        after.ShouldAllBe(b => !b.FullRead);
        Reads.Records(after).Select(r => r.Id).ShouldBe([id]);
    }

    [Fact]
    public async Task Read_TokenOlderThanRetention_ResyncsFully()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 60, Seed = 3, TimeProvider = clock, ChangeTrackingRetentionDays = 7 });
        using var truth = new CrmTruth(sandbox);
        using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox, pageSize: 50), time: clock);
        var (_, cursor) = await Reads.AllAsync(connector.Source, "lead", null);
        var id = (await truth.LeadsAsync()).Keys.First();
        await truth.UpdateLeadAsync(id, "A change the connector will never see as a delta");

        clock.Advance(TimeSpan.FromDays(8));
        var (resync, _) = await Reads.AllAsync(connector.Source, "lead", cursor);

        resync.ShouldNotBeEmpty();
        resync.ShouldAllBe(b => b.FullRead);
        Reads.Live(resync).Count.ShouldBe((await truth.LeadsAsync()).Count);
    }

    [Fact]
    public async Task Sync_DeltaExpiredAfterADelete_FullResyncTombstonesTheDeletedLead()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 120, Seed = 4 });
        using var truth = new CrmTruth(sandbox);
        using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox, pageSize: 50));
        var folder = Directory.CreateTempSubdirectory("crmx-dv-expiry-").FullName;
        try
        {
            await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = folder });
            var runner = new SyncRunner(store.Records, store.Cursors);
            var org = OrgId.Parse(sandbox.Orgs[0].OrganizationId.ToString());
            await runner.RunAsync(org, connector.Source, "lead", full: false);
            var gone = (await truth.LeadsAsync()).Keys.Order(StringComparer.Ordinal).First();
            await truth.DeleteLeadAsync(gone);

            await truth.SetFaultsAsync(new FaultSettings { DeltaTokenExpiry = 1 });
            var resync = await runner.RunAsync(org, connector.Source, "lead", full: false);
            await truth.SetFaultsAsync(new FaultSettings());

            resync.Succeeded.ShouldBeTrue(resync.Error);
            resync.Deleted.ShouldBe(1);
            (await store.Records.GetAsync(org, "lead", gone)).ShouldNotBeNull().Deleted.ShouldBeTrue();
            var live = new List<string>();
            await foreach (var stored in store.Records.ReadAsync(new RecordQuery(org, "lead")))
            {
                live.Add(stored.Record.Id);
            }

            live.ShouldBe((await truth.LeadsAsync()).Keys, ignoreOrder: true);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
