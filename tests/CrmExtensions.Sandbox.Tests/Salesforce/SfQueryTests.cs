using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Salesforce;

public sealed class SfQueryTests(SharedSandbox shared) : IClassFixture<SharedSandbox>
{
    [Fact]
    public async Task Query_FirstPage_HasDocumentedShape()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var json = await client.QueryAsync("SELECT Id, Name FROM Contact");

        // salesforce.md §2a example: totalSize, done, nextRecordsUrl, records[attributes{type,url}, fields…].
        Normalize.Keys(json).ShouldBe(["totalSize", "done", "records"]);
        var record = json.GetProperty("records")[0];
        Normalize.Keys(record).ShouldBe(["attributes", "Id", "Name"]);
        Normalize.Keys(record.GetProperty("attributes")).ShouldBe(["type", "url"]);
        var id = record.GetProperty("Id").GetString()!;
        id.ShouldMatch("^003[0-9A-Za-z]{15}$");
        record.GetProperty("attributes").GetProperty("url").GetString().ShouldBe($"/services/data/v{SfClient.Version}/sobjects/Contact/{id}");
    }

    [Fact]
    public async Task Query_MoreThanBatch_PagesThroughNextRecordsUrl()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var first = await client.QueryAsync("SELECT Id FROM Task", headers: ("Sforce-Query-Options", "batchSize=200"));
        var (records, pages) = await client.QueryAllPagesAsync("SELECT Id FROM Task", headers: ("Sforce-Query-Options", "batchSize=200"));

        first.GetProperty("done").GetBoolean().ShouldBeFalse();
        first.GetProperty("nextRecordsUrl").GetString()!.ShouldMatch($"^/services/data/v{SfClient.Version}/query/[0-9a-z]+-200$");
        first.GetProperty("records").GetArrayLength().ShouldBe(200);
        records.Count.ShouldBe(first.GetProperty("totalSize").GetInt32());
        pages.ShouldBe((records.Count + 199) / 200);
        records.Select(r => r.GetProperty("Id").GetString()).Distinct().Count().ShouldBe(records.Count);
    }

    [Fact]
    public async Task Query_BatchSizeBelowMinimum_IsClampedTo200()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var json = await client.QueryAsync("SELECT Id FROM Task", headers: ("Sforce-Query-Options", "batchSize=5"));

        json.GetProperty("records").GetArrayLength().ShouldBe(200);
    }

    [Fact]
    public async Task Query_OneLongTextField_KeepsRequestedBatchSize()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var json = await client.QueryAsync("SELECT Id, Description FROM Task", headers: ("Sforce-Query-Options", "batchSize=1000"));

        json.GetProperty("totalSize").GetInt32().ShouldBeGreaterThan(200);
        json.GetProperty("records").GetArrayLength().ShouldBe(Math.Min(1000, json.GetProperty("totalSize").GetInt32()));
    }

    [Fact]
    public async Task Query_WhereAndOrderLimit_FiltersSortsAndLimits()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var json = await client.QueryAsync(
            "SELECT Id, NumberOfEmployees, CreatedDate FROM Lead WHERE NumberOfEmployees >= 50 AND (Rating = 'Hot' OR Rating = 'Warm') AND CreatedDate < 2026-11-01T00:00:00Z ORDER BY NumberOfEmployees DESC, Id LIMIT 7");

        var records = json.GetProperty("records").EnumerateArray().ToList();
        records.Count.ShouldBe(7);
        var employees = records.Select(r => r.GetProperty("NumberOfEmployees").GetInt32()).ToList();
        employees.ShouldBe(employees.OrderByDescending(e => e).ToList());
        employees.ShouldAllBe(e => e >= 50);
        records[0].GetProperty("CreatedDate").GetString()!.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$");
    }

    [Fact]
    public async Task Query_InAndLike_MatchCaseInsensitively()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var sample = (await client.QueryAsync("SELECT Id, LastName FROM Lead LIMIT 1")).GetProperty("records")[0];
        var last = sample.GetProperty("LastName").GetString()!;

        var like = await client.QueryAsync($"SELECT Id FROM Lead WHERE LastName LIKE '{last[..2].ToUpperInvariant()}%'");
        var inList = await client.QueryAsync($"SELECT Id FROM Lead WHERE Id IN ('{sample.GetProperty("Id").GetString()}', '00Q000000000000AAA')");

        like.GetProperty("records").EnumerateArray().ShouldContain(r => r.GetProperty("Id").GetString() == sample.GetProperty("Id").GetString());
        inList.GetProperty("totalSize").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData(@"SELECT Id FROM Lead WHERE Company = 'Bob\'s BBQ'")]
    [InlineData(@"SELECT Id FROM Lead WHERE Company = 'a\\b\n\t\""'")]
    [InlineData(@"SELECT Id FROM Lead WHERE Company LIKE 'Ter\%\_%'")]
    [InlineData(@"SELECT Id FROM Lead WHERE Company = '\u00e9'")]
    public async Task Query_DocumentedEscapes_AreAccepted(string soql)
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var json = await client.QueryAsync(soql);

        json.GetProperty("totalSize").GetInt32().ShouldBe(0);
    }

    [Theory]
    [InlineData(@"SELECT Id FROM Lead WHERE Company = 'a\%'", "MALFORMED_QUERY")]
    [InlineData(@"SELECT Id FROM Lead WHERE Company = 'a\x'", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Lead WHERE Company = 'unterminated", "MALFORMED_QUERY")]
    [InlineData("SELECT Id Lead", "MALFORMED_QUERY")]
    [InlineData("SELECT FROM Lead", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Lead WHERE", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Lead LIMIT x", "MALFORMED_QUERY")]
    [InlineData("SELECT Nope FROM Lead", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Lead WHERE CreatedDate > '2024-01-01T00:00:00Z'", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Nope", "INVALID_TYPE")]
    public async Task Query_Bad_Returns400ErrorArray(string soql, string code)
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var (status, json, response) = await client.CallAsync(HttpMethod.Get, "query?q=" + Uri.EscapeDataString(soql));
        response.Dispose();

        status.ShouldBe(400);
        json.ValueKind.ShouldBe(JsonValueKind.Array);
        Normalize.Keys(json[0]).ShouldBe(["message", "errorCode"]);
        json[0].GetProperty("errorCode").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task Query_SameOrg_ServesSameRecordsAsDataverse()
    {
        using var sf = await SfClient.ConnectAsync(shared.Sandbox);
        using var dv = await SandboxClient.ConnectAsync(shared.Sandbox);

        var (leads, _) = await sf.QueryAllPagesAsync("SELECT Id, Email, CurrencyIsoCode, IsDeleted, SystemModstamp FROM Lead");
        var (all, _) = await sf.QueryAllPagesAsync("SELECT Id FROM Lead", all: true);
        var count = await dv.GetJsonAsync("leads?$count=true&$select=leadid&$top=1");

        // Merged-away duplicates are deleted in Salesforce but still rows in Dataverse; queryAll shows both.
        all.Count.ShouldBe(count.GetProperty("@odata.count").GetInt32());
        leads.Count.ShouldBeLessThan(all.Count);
        leads.ShouldAllBe(l => !l.GetProperty("IsDeleted").GetBoolean());
        leads.Select(l => l.GetProperty("CurrencyIsoCode").GetString()).Distinct().ShouldBeSubsetOf(new[] { "USD", "EUR", "GBP", "JPY", "CNY" });
    }

    [Fact]
    public async Task Describe_Lead_HasDocumentedShape()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var (status, json, response) = await client.CallAsync(HttpMethod.Get, "sobjects/Lead/describe");
        response.Dispose();

        status.ShouldBe(200);
        json.GetProperty("name").GetString().ShouldBe("Lead");
        json.GetProperty("keyPrefix").GetString().ShouldBe("00Q");
        json.GetProperty("urls").GetProperty("rowTemplate").GetString().ShouldBe($"/services/data/v{SfClient.Version}/sobjects/Lead/{{ID}}");
        var fields = json.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        fields["Id"].GetProperty("type").GetString().ShouldBe("id");
        fields["Status"].GetProperty("picklistValues").EnumerateArray().Select(p => p.GetProperty("value").GetString())
            .ShouldBe(["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"]);
        fields["CRMX_Score__c"].GetProperty("type").GetString().ShouldBe("double");
        fields["CRMX_Score__c"].GetProperty("custom").GetBoolean().ShouldBeTrue();
        fields["ConvertedOpportunityId"].GetProperty("relationshipName").GetString().ShouldBe("ConvertedOpportunity");
        fields["AnnualRevenue"].GetProperty("type").GetString().ShouldBe("currency");
        fields["NumberOfEmployees"].GetProperty("type").GetString().ShouldBe("int");
    }

    [Fact]
    public async Task Query_EveryObject_IsServed()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        foreach (var obj in new[] { "Lead", "Account", "Contact", "Opportunity", "Order", "OrderItem", "Product2", "Case", "Task", "PricebookEntry" })
        {
            var json = await client.QueryAsync($"SELECT Id, SystemModstamp FROM {obj} LIMIT 3");
            json.GetProperty("totalSize").GetInt32().ShouldBe(3, obj);
        }

        var item = (await client.QueryAsync("SELECT Id, PricebookEntryId, Product2Id FROM OrderItem LIMIT 1")).GetProperty("records")[0];
        item.GetProperty("PricebookEntryId").GetString()!.ShouldStartWith("01u");
        var entry = await client.QueryAsync($"SELECT Id, Product2Id FROM PricebookEntry WHERE Id = '{item.GetProperty("PricebookEntryId").GetString()}'");
        entry.GetProperty("records")[0].GetProperty("Product2Id").GetString().ShouldBe(item.GetProperty("Product2Id").GetString());
    }
}
