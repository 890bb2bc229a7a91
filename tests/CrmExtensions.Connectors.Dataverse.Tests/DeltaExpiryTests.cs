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
}
