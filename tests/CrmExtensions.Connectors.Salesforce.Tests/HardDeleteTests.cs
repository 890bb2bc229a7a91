using CrmExtensions.Sandbox;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>The sandbox variant where deletes are hard deletes: queryAll no longer shows them, getDeleted does (salesforce.md §2d).</summary>
public sealed class HardDeleteSandboxFixture : SandboxFixture
{
    protected override SalesforceSettings Salesforce => new() { HardDeletes = true };
}

/// <summary>An incremental read finds a hard delete only through <c>sobjects/Lead/deleted</c> and delivers its tombstone once.</summary>
public sealed class HardDeleteTests(HardDeleteSandboxFixture fixture) : IClassFixture<HardDeleteSandboxFixture>, IDisposable
{
    private readonly SfTruth _truth = new(fixture.Sandbox);

    [Fact]
    public async Task Read_Incremental_HardDeleteHiddenFromQueryAll_BecomesTombstoneFromGetDeleted()
    {
        using var connector = SalesforceConnector.Create(fixture.Options());
        var (_, cursor) = await Reads.AllAsync(connector.Source, "Lead", null);
        var ids = (await _truth.RecordsAsync()).Keys.Order(StringComparer.Ordinal).ToList();
        var gone = ids[ids.Count / 2];
        await _truth.DeleteLeadAsync(gone);
        (await _truth.QueryAllAsync($"SELECT Id FROM Lead WHERE Id = '{gone}'")).GetArrayLength().ShouldBe(0, "a hard delete is not in queryAll");

        var (batches, next) = await Reads.AllAsync(connector.Source, "Lead", cursor);

        var records = Reads.Records(batches).ToList();
        var tombstone = records.ShouldHaveSingleItem();
        tombstone.Id.ShouldBe(gone);
        tombstone.Deleted.ShouldBeTrue();
        batches.ShouldAllBe(b => !b.FullRead);
        // Delivered once: the next read has nothing new, although getDeleted still lists the id.
        Reads.Records((await Reads.AllAsync(connector.Source, "Lead", next)).Batches).ShouldBeEmpty();
    }

    public void Dispose() => _truth.Dispose();
}
