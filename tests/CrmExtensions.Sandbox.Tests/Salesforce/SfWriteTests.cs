using System.Net;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Salesforce;

public sealed class SfWriteTests(SfWriteSandbox shared) : IClassFixture<SfWriteSandbox>
{
    [Fact]
    public async Task Patch_DocExample_Returns204AndIsReadBack()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var lead = await OpenLeadAsync(client);

        // salesforce.md §3a request body.
        var (status, _, response) = await client.CallAsync(HttpMethod.Patch, $"sobjects/Lead/{lead}", "{\"CRMX_Score__c\": 87, \"Rating\": \"Hot\"}");
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
        response.Dispose();

        status.ShouldBe(204);
        var row = (await client.QueryAsync($"SELECT Id, CRMX_Score__c, Rating, SystemModstamp FROM Lead WHERE Id = '{lead}'")).GetProperty("records")[0];
        row.GetProperty("CRMX_Score__c").GetDecimal().ShouldBe(87m);
        row.GetProperty("Rating").GetString().ShouldBe("Hot");
    }

    [Fact]
    public async Task Patch_IsSeenByDataverseAndCountedInStats()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        using var dv = await SandboxClient.ConnectAsync(shared.Sandbox);
        var lead = await OpenLeadAsync(client);

        var (status, _, response) = await client.CallAsync(HttpMethod.Patch, $"sobjects/Lead/{lead}", "{\"Company\": \"Renamed Through Salesforce\"}");
        response.Dispose();

        status.ShouldBe(204);
        var dvLeads = await dv.GetJsonAsync("leads?$select=companyname&$filter=companyname eq 'Renamed Through Salesforce'");
        dvLeads.GetProperty("value").GetArrayLength().ShouldBe(1);
        using var http = new HttpClient();
        var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(shared.Sandbox.BaseUrl, "_sandbox/stats"))).RootElement;
        stats.GetProperty("org1").GetProperty("recordsWritten").GetInt64().ShouldBeGreaterThan(0);
        stats.GetProperty("org1").GetProperty("calls").TryGetProperty("SF PATCH sobjects/Lead", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Patch_UnknownRecord_Returns404NotFound()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var (status, json, response) = await client.CallAsync(HttpMethod.Patch, "sobjects/Lead/00Q0g00000AAAAAAAA", "{\"Rating\":\"Hot\"}");
        response.Dispose();

        status.ShouldBe(404);
        json.GetRawText().ShouldBe("[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]");
    }

    [Fact]
    public async Task Patch_ConvertedLead_IsRejected()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var converted = (await client.QueryAsync("SELECT Id FROM Lead WHERE IsConverted = true LIMIT 1")).GetProperty("records")[0].GetProperty("Id").GetString();

        var (status, json, response) = await client.CallAsync(HttpMethod.Patch, $"sobjects/Lead/{converted}", "{\"Rating\":\"Hot\"}");
        response.Dispose();

        status.ShouldBe(400);
        json[0].GetProperty("errorCode").GetString().ShouldBe("CANNOT_UPDATE_CONVERTED_LEAD");
    }

    [Fact]
    public async Task Patch_UnknownOrReadOnlyField_Returns400InvalidField()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var lead = await OpenLeadAsync(client);

        var (s1, unknown, r1) = await client.CallAsync(HttpMethod.Patch, $"sobjects/Lead/{lead}", "{\"Nope__c\":1}");
        var (s2, readOnly, r2) = await client.CallAsync(HttpMethod.Patch, $"sobjects/Lead/{lead}", "{\"IsConverted\":true}");
        r1.Dispose();
        r2.Dispose();

        s1.ShouldBe(400);
        unknown[0].GetProperty("errorCode").GetString().ShouldBe("INVALID_FIELD");
        s2.ShouldBe(400);
        readOnly[0].GetProperty("errorCode").GetString().ShouldBe("INVALID_FIELD_FOR_INSERT_UPDATE");
        readOnly[0].GetProperty("fields")[0].GetString().ShouldBe("IsConverted");
    }

    [Fact]
    public async Task Composite_201Records_IsRejectedWith400()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var lead = await OpenLeadAsync(client);
        var records = string.Join(',', Enumerable.Repeat($"{{\"attributes\":{{\"type\":\"Lead\"}},\"id\":\"{lead}\",\"Rating\":\"Warm\"}}", 201));

        var (status, json, response) = await client.CallAsync(HttpMethod.Patch, "composite/sobjects", $"{{\"allOrNone\":false,\"records\":[{records}]}}");
        response.Dispose();

        status.ShouldBe(400);
        json[0].GetProperty("errorCode").GetString().ShouldBe("EXCEEDED_ID_LIMIT");
    }

    [Fact]
    public async Task Composite_PartialFailure_ReturnsPerRecordResultsInOrder()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var account = (await client.QueryAsync("SELECT Id FROM Account LIMIT 1")).GetProperty("records")[0].GetProperty("Id").GetString();

        // salesforce.md §3c request: the Contact id is malformed.
        var body = $"{{ \"allOrNone\": false, \"records\": [ {{ \"attributes\": {{\"type\": \"Account\"}}, \"id\": \"{account}\", \"NumberOfEmployees\": 27000 }}, {{ \"attributes\": {{\"type\": \"Contact\"}}, \"id\": \"001xx000003DGb2999\", \"Title\": \"Lead Engineer\" }} ] }}";
        var (status, json, response) = await client.CallAsync(HttpMethod.Patch, "composite/sobjects", body);
        response.Dispose();

        status.ShouldBe(200);
        Normalize.Keys(json[0]).ShouldBe(["id", "success", "errors"]);
        json[0].GetProperty("id").GetString().ShouldBe(account);
        json[0].GetProperty("success").GetBoolean().ShouldBeTrue();
        Normalize.Keys(json[1]).ShouldBe(["success", "errors"]);
        var error = json[1].GetProperty("errors")[0];
        Normalize.Keys(error).ShouldBe(["statusCode", "message", "fields"]);
        error.GetProperty("statusCode").GetString().ShouldBe("MALFORMED_ID");
        error.GetProperty("message").GetString().ShouldBe("Contact ID: id value of incorrect type: 001xx000003DGb2999");
        error.GetProperty("fields")[0].GetString().ShouldBe("Id");
        var read = await client.QueryAsync($"SELECT NumberOfEmployees FROM Account WHERE Id = '{account}'");
        read.GetProperty("records")[0].GetProperty("NumberOfEmployees").GetInt32().ShouldBe(27000);
    }

    [Fact]
    public async Task Composite_AllOrNone_RollsBackEveryRecord()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var lead = await OpenLeadAsync(client);
        var before = (await client.QueryAsync($"SELECT Company FROM Lead WHERE Id = '{lead}'")).GetProperty("records")[0].GetProperty("Company").GetString();

        var body = $"{{\"allOrNone\":true,\"records\":[{{\"attributes\":{{\"type\":\"Lead\"}},\"id\":\"{lead}\",\"Company\":\"Rolled Back\"}},{{\"attributes\":{{\"type\":\"Lead\"}},\"id\":\"{lead}\",\"Rating\":\"Lukewarm\"}}]}}";
        var (status, json, response) = await client.CallAsync(HttpMethod.Patch, "composite/sobjects", body);
        response.Dispose();

        status.ShouldBe(200);
        json[0].GetProperty("success").GetBoolean().ShouldBeFalse();
        json[0].GetProperty("errors")[0].GetProperty("statusCode").GetString().ShouldBe("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        json[1].GetProperty("errors")[0].GetProperty("statusCode").GetString().ShouldBe("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        (await client.QueryAsync($"SELECT Company FROM Lead WHERE Id = '{lead}'")).GetProperty("records")[0].GetProperty("Company").GetString().ShouldBe(before);
    }

    [Fact]
    public async Task QueryAll_DeletedRecord_AppearsOnlyThroughQueryAll()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        using var dv = await SandboxClient.ConnectAsync(shared.Sandbox);
        var lead = (await dv.GetJsonAsync("leads?$select=leadid&$top=1&$filter=statecode eq 0")).GetProperty("value")[0].GetProperty("leadid").GetGuid();
        using (var deleted = await dv.SendAsync(HttpMethod.Delete, $"leads({lead})"))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var (live, _) = await client.QueryAllPagesAsync("SELECT Id, IsDeleted FROM Lead");
        var (all, _) = await client.QueryAllPagesAsync("SELECT Id, IsDeleted, SystemModstamp FROM Lead WHERE SystemModstamp >= 2000-01-01T00:00:00Z", all: true);

        live.ShouldAllBe(r => !r.GetProperty("IsDeleted").GetBoolean());
        var gone = all.Where(r => r.GetProperty("IsDeleted").GetBoolean()).ToList();
        gone.Count.ShouldBeGreaterThanOrEqualTo(1);
        all.Count.ShouldBe(live.Count + gone.Count);
    }

    [Fact]
    public async Task Query_TwoLongTextFields_BatchesAtMost200()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var json = await client.QueryAsync("SELECT Id, Description, Agent_Notes__c FROM Task", headers: ("Sforce-Query-Options", "batchSize=1000"));

        json.GetProperty("totalSize").GetInt32().ShouldBeGreaterThan(200);
        json.GetProperty("records").GetArrayLength().ShouldBe(200);
    }

    private static async Task<string> OpenLeadAsync(SfClient client) =>
        (await client.QueryAsync("SELECT Id FROM Lead WHERE IsConverted = false AND Status = 'Open - Not Contacted' ORDER BY SystemModstamp DESC LIMIT 1"))
            .GetProperty("records")[0].GetProperty("Id").GetString()!;
}
