using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>sObject-collection write-back (salesforce.md §3c): 200 a call, per-record outcomes in the skip taxonomy.</summary>
public sealed class WriteTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SalesforceConnector _connector = SalesforceConnector.Create(fixture.Options());
    private readonly SfTruth _truth = new(fixture.Sandbox);

    [Fact]
    public async Task Write_MixedBatch_GivesEachRecordItsOwnOutcome()
    {
        var open = await IdsAsync("SELECT Id FROM Lead WHERE IsConverted = false", 3);
        var converted = (await IdsAsync("SELECT Id FROM Lead WHERE IsConverted = true", 1))[0];
        await _truth.DeleteLeadAsync(open[2]);
        const string reasons = "Visited pricing page 4 times";

        var outcomes = await _connector.Writer.WriteAsync("Lead",
        [
            Update(open[0], ("CRMX_Score__c", new NumberValue(71)), ("CRMX_Reasons__c", new LongTextValue(reasons))),
            Update(open[1], ("CRMX_Not_Installed__c", new NumberValue(5))),
            Update(open[2], ("CRMX_Score__c", new NumberValue(10))),
            Update(converted, ("CRMX_Score__c", new NumberValue(10))),
            Update("not-an-id", ("CRMX_Score__c", new NumberValue(10))),
        ]);

        var byId = outcomes.ToDictionary(o => o.RecordId);
        byId[open[0]].Status.ShouldBe(WriteStatus.Written);
        byId[open[1]].Status.ShouldBe(WriteStatus.SkippedNoAccess);
        byId[open[2]].Status.ShouldBe(WriteStatus.SkippedRecordGone);
        byId[converted].Status.ShouldBe(WriteStatus.SkippedClosed);
        byId["not-an-id"].Status.ShouldBe(WriteStatus.Failed);
        outcomes.ShouldAllBe(o => o.Reason == null || !o.Reason.Contains(reasons));
        var written = await _truth.RecordAsync("Lead", open[0]);
        SfTruth.Value(written, "CRMX_Score__c").ShouldBe(new NumberValue(71));
        SfTruth.Value(written, "CRMX_Reasons__c").ShouldBe(new TextValue(reasons));
    }

    [Fact]
    public async Task Write_GradeDateAndClear_RoundTrip()
    {
        var id = (await IdsAsync("SELECT Id FROM Lead WHERE IsConverted = false", 1))[0];
        var scoredOn = new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);

        var outcomes = await _connector.Writer.WriteAsync("Lead",
        [
            Update(id, ("CRMX_Grade__c", new OptionValue("B", "B")), ("CRMX_Scored_On__c", new DateTimeValue(scoredOn)), ("CRMX_Reasons__c", null)),
        ]);

        outcomes.Single().Status.ShouldBe(WriteStatus.Written);
        var record = await _truth.RecordAsync("Lead", id);
        SfTruth.Value(record, "CRMX_Grade__c").ShouldBe(new TextValue("B"));
        SfTruth.Instant(record.GetProperty("CRMX_Scored_On__c").GetString()!).ShouldBe(scoredOn);
        SfTruth.Value(record, "CRMX_Reasons__c").ShouldBeNull();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(450, 3)]
    public async Task Write_NUpdates_UsesCeilingOfNOver200CollectionCalls(int count, int calls)
    {
        // Converted leads answer CANNOT_UPDATE_CONVERTED_LEAD but are sent all the same.
        var ids = await IdsAsync("SELECT Id FROM Lead", count);
        ids.Count.ShouldBe(count);
        var before = await _truth.CallsAsync("SF PATCH composite/sobjects");

        var outcomes = await _connector.Writer.WriteAsync("Lead", [.. ids.Select((id, i) => Update(id, ("CRMX_Score__c", new NumberValue(i % 100))))]);

        outcomes.Select(o => o.RecordId).ShouldBe(ids, ignoreOrder: true);
        outcomes.ShouldAllBe(o => o.Status == WriteStatus.Written || o.Status == WriteStatus.SkippedClosed);
        (await _truth.CallsAsync("SF PATCH composite/sobjects") - before).ShouldBe(calls);
    }

    private async Task<List<string>> IdsAsync(string soql, int count) =>
        [.. (await _truth.QueryAsync(soql)).EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).Order(StringComparer.Ordinal).Take(count)];

    private static RecordUpdate Update(string id, params (string Field, FieldValue? Value)[] fields) =>
        new("Lead", id, fields.ToDictionary(f => f.Field, f => f.Value, StringComparer.OrdinalIgnoreCase));

    public void Dispose()
    {
        _connector.Dispose();
        _truth.Dispose();
    }
}
