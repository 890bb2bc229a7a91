using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Salesforce.Reading;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>Reads through queryAll (salesforce.md §2b, §2c): paging, merged rows as tombstones, resume, SOQL safety, type mapping.</summary>
public sealed class ReadTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SfTruth _truth = new(fixture.Sandbox);

    [Fact]
    public async Task Read_Full_FollowsNextRecordsUrlAndMarksOnlyTheFirstBatchAsStart()
    {
        using var connector = SalesforceConnector.Create(fixture.Options(pageSize: 200));
        var pagesBefore = await _truth.CallsAsync("SF GET query/next");

        var (batches, _) = await Reads.AllAsync(connector.Source, "Lead", null);

        batches.Count.ShouldBe(3, "500 leads in pages of 200");
        // salesforce.md §2b: the nextRecordsUrl of a queryAll says query, and still pages the queryAll.
        (await _truth.CallsAsync("SF GET query/next") - pagesBefore).ShouldBe(2);
        batches.ShouldAllBe(b => b.FullRead);
        batches.Select(b => b.FullReadStart).ShouldBe([true, false, false]);
    }

    [Fact]
    public async Task Read_Full_DeliversMergedDuplicatesAsTombstones()
    {
        using var connector = SalesforceConnector.Create(fixture.Options());
        var merged = (await _truth.QueryAllAsync("SELECT Id, MasterRecordId FROM Lead WHERE IsDeleted = true")).EnumerateArray()
            .Where(r => r.GetProperty("MasterRecordId").ValueKind == System.Text.Json.JsonValueKind.String)
            .Select(r => r.GetProperty("Id").GetString()!).ToList();

        var records = Reads.Records((await Reads.AllAsync(connector.Source, "Lead", null)).Batches).ToList();

        merged.ShouldNotBeEmpty("the sandbox serves cancelled duplicates as merged leads");
        records.Where(r => r.Deleted).Select(r => r.Id).ShouldBe(merged, ignoreOrder: true);
    }

    [Fact]
    public async Task Read_ResumedFromMidReadCursor_DeliversTheRestOnce()
    {
        using var connector = SalesforceConnector.Create(fixture.Options(pageSize: 200));
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

    [Fact]
    public async Task Read_NeverSelectsOurOutputFields()
    {
        using var connector = SalesforceConnector.Create(fixture.Options());
        var id = (await _truth.QueryAsync("SELECT Id FROM Lead WHERE IsConverted = false LIMIT 1"))[0].GetProperty("Id").GetString()!;
        await _truth.PatchAsync("Lead", id, new { CRMX_Score__c = 55, CRMX_Reasons__c = "long reasons" });

        var record = Reads.Records((await Reads.AllAsync(connector.Source, "Lead", null)).Batches).Single(r => r.Id == id);

        record.Values.Keys.ShouldNotContain(k => k.StartsWith("CRMX_", StringComparison.OrdinalIgnoreCase));
        record.Values.Keys.ShouldContain("Company");
    }

    [Theory]
    [InlineData("Lead WHERE Name != null")]
    [InlineData("Lead--")]
    [InlineData("Lead' OR ''='")]
    public async Task Read_EntityThatIsNotAnApiName_IsRefusedBeforeAnyCall(string entity)
    {
        using var connector = SalesforceConnector.Create(fixture.Options());

        await Should.ThrowAsync<ArgumentException>(async () => await Reads.AllAsync(connector.Source, entity, null));

        connector.Usage.Calls.ShouldBe(0);
    }

    [Fact]
    public void Quote_InjectionAttempt_StaysOneLiteral()
    {
        Soql.Quote("x' OR Name != '").ShouldBe(@"'x\' OR Name != \''");
        Soql.Quote("back\\slash\nline").ShouldBe(@"'back\\slash\nline'");
    }

    [Fact]
    public async Task Read_UnknownCursor_IsRefusedWithAMessage()
    {
        using var connector = SalesforceConnector.Create(fixture.Options());

        var error = await Should.ThrowAsync<InvalidDataException>(async () => await Reads.AllAsync(connector.Source, "Lead", "something-else"));

        error.Message.ShouldContain("full sync");
    }

    [Fact]
    public async Task Discover_MapsDescribeTypesToCanonicalOnes()
    {
        var options = fixture.Options();
        options.Objects.Add("Opportunity");
        options.Objects.Add("Task");
        using var connector = SalesforceConnector.Create(options);

        var schemas = (await connector.Source.DiscoverAsync()).ToDictionary(s => s.Name);

        var lead = schemas["Lead"].Fields.ToDictionary(f => f.Name);
        lead["Status"].Type.ShouldBe(FieldType.Option);
        lead["AnnualRevenue"].Type.ShouldBe(FieldType.Money);
        lead["OwnerId"].Type.ShouldBe(FieldType.Lookup);
        lead["OwnerId"].Target.ShouldBe("User");
        lead["CRMX_Reasons__c"].Type.ShouldBe(FieldType.LongText);
        lead["SystemModstamp"].Type.ShouldBe(FieldType.DateTime);
        lead.ShouldNotContainKey("Id");
        schemas["Lead"].ChangeTracking.ShouldBeTrue();
        schemas["Opportunity"].Fields.Single(f => f.Name == "CloseDate").Type.ShouldBe(FieldType.Date);
        schemas["Opportunity"].Fields.Single(f => f.Name == "Probability").Type.ShouldBe(FieldType.Number);
    }

    [Fact]
    public async Task Read_Values_CarryPicklistLabelsMoneyCurrencyAndLookupTargets()
    {
        var options = fixture.Options();
        options.Objects.Add("Opportunity");
        using var connector = SalesforceConnector.Create(options);
        var truth = (await _truth.QueryAsync("SELECT Id, Amount, CurrencyIsoCode, StageName, AccountId FROM Opportunity WHERE Amount != null AND AccountId != null LIMIT 1"))[0];
        var id = truth.GetProperty("Id").GetString()!;

        var record = Reads.Records((await Reads.AllAsync(connector.Source, "Opportunity", null)).Batches).Single(r => r.Id == id);

        var amount = record["Amount"].ShouldBeOfType<MoneyValue>();
        amount.Amount.ShouldBe(truth.GetProperty("Amount").GetDecimal());
        amount.Currency.ShouldBe(truth.GetProperty("CurrencyIsoCode").GetString());
        amount.BaseAmount.ShouldBe(amount.Currency == "USD" ? amount.Amount : null);
        var stage = record["StageName"].ShouldBeOfType<OptionValue>();
        stage.Value.ShouldBe(truth.GetProperty("StageName").GetString());
        stage.Label.ShouldNotBeNull();
        record["AccountId"].ShouldBe(new LookupValue(truth.GetProperty("AccountId").GetString()!, "Account"));
    }

    public void Dispose() => _truth.Dispose();
}
