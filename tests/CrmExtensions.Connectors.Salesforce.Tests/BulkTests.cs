using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>Bulk API 2.0 query jobs for large reads from the start (salesforce.md §4b, §4c).</summary>
public sealed class BulkTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SfTruth _truth = new(fixture.Sandbox);

    [Theory]
    [InlineData("Lead")]
    [InlineData("Opportunity")]
    public async Task Read_AboveThreshold_UsesOneBulkJobAndGivesTheSameRecordsAsRest(string entity)
    {
        var rest = await ReadAsync(entity, threshold: 0);
        var jobsBefore = await _truth.CallsAsync("SF POST jobs/query");

        var bulk = await ReadAsync(entity, threshold: 100);

        (await _truth.CallsAsync("SF POST jobs/query") - jobsBefore).ShouldBe(1);
        bulk.Batches.ShouldAllBe(b => b.FullRead);
        bulk.Batches[0].FullReadStart.ShouldBeTrue();
        Same(Reads.Records(bulk.Batches), Reads.Records(rest.Batches));
    }

    [Fact]
    public async Task Read_ResumedInsideABulkJob_DeliversTheRestOnce()
    {
        using var connector = SalesforceConnector.Create(Options("Lead", threshold: 100));
        RecordBatch? first = null;
        await foreach (var batch in connector.Source.ReadAsync("Lead", null))
        {
            first = batch;
            break;
        }

        var (rest, cursor) = await Reads.AllAsync(connector.Source, "Lead", first!.Cursor);

        rest.ShouldAllBe(b => b.FullRead && !b.FullReadStart);
        var live = Reads.Records(rest.Prepend(first)).Where(r => !r.Deleted).Select(r => r.Id).ToList();
        live.ShouldBeUnique();
        live.ShouldBe((await _truth.RecordsAsync()).Keys, ignoreOrder: true);
        Reads.Records((await Reads.AllAsync(connector.Source, "Lead", cursor)).Batches).ShouldBeEmpty();
    }

    private async Task<(List<RecordBatch> Batches, string? Cursor)> ReadAsync(string entity, int threshold)
    {
        using var connector = SalesforceConnector.Create(Options(entity, threshold));
        return await Reads.AllAsync(connector.Source, entity, null);
    }

    private SalesforceOptions Options(string entity, int threshold)
    {
        var options = fixture.Options();
        options.Objects.Add(entity);
        options.BulkQueryThreshold = threshold;
        options.BulkPollInterval = TimeSpan.FromMilliseconds(10);
        return options;
    }

    private static void Same(IEnumerable<CrmRecord> actual, IEnumerable<CrmRecord> expected)
    {
        var byId = expected.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var list = actual.ToList();
        list.Count.ShouldBe(byId.Count);
        foreach (var record in list)
        {
            var other = byId[record.Id];
            record.Deleted.ShouldBe(other.Deleted);
            record.ModifiedOn.ShouldBe(other.ModifiedOn);
            record.Values.OrderBy(v => v.Key, StringComparer.Ordinal).ShouldBe(other.Values.OrderBy(v => v.Key, StringComparer.Ordinal), $"record {record.Id}");
        }
    }

    public void Dispose() => _truth.Dispose();
}
