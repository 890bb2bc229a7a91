using System.Globalization;
using System.Net;

namespace CrmExtensions.Sandbox.Tests.Salesforce;

public sealed class SfReplicationTests(SfWriteSandbox shared) : IClassFixture<SfWriteSandbox>
{
    [Fact]
    public async Task MergedDuplicates_AreDeletionsWithMasterRecordId()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var (live, _) = await client.QueryAllPagesAsync("SELECT Id, MasterRecordId FROM Lead");
        var merged = await client.QueryAsync("SELECT Id, IsDeleted, MasterRecordId FROM Lead WHERE MasterRecordId != null", all: true);

        live.ShouldAllBe(l => l.GetProperty("MasterRecordId").ValueKind == System.Text.Json.JsonValueKind.Null);
        merged.GetProperty("totalSize").GetInt32().ShouldBeGreaterThan(0);
        var first = merged.GetProperty("records")[0];
        first.GetProperty("IsDeleted").GetBoolean().ShouldBeTrue();
        var master = first.GetProperty("MasterRecordId").GetString()!;
        live.ShouldContain(l => l.GetProperty("Id").GetString() == master);
        var (status, _, response) = await client.CallAsync(HttpMethod.Patch, $"sobjects/Lead/{first.GetProperty("Id").GetString()}", "{\"Rating\":\"Hot\"}");
        response.Dispose();
        status.ShouldBe(404);
    }

    [Fact]
    public async Task GetUpdated_ReturnsIdsChangedInWindow_WithDocumentedShape()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var lead = (await client.QueryAsync("SELECT Id FROM Lead WHERE IsConverted = false AND Status = 'Working - Contacted' LIMIT 1")).GetProperty("records")[0].GetProperty("Id").GetString();
        var (patched, _, r) = await client.CallAsync(HttpMethod.Patch, $"sobjects/Lead/{lead}", "{\"CRMX_Score__c\": 12}");
        r.Dispose();
        patched.ShouldBe(204);

        var (status, json, response) = await client.CallAsync(HttpMethod.Get, $"sobjects/Lead/updated/?start={Stamp(-60)}&end={Stamp(60)}");
        response.Dispose();

        // salesforce.md §2d example keys.
        status.ShouldBe(200);
        Normalize.Keys(json).ShouldBe(["ids", "latestDateCovered"]);
        json.GetProperty("ids").EnumerateArray().Select(i => i.GetString()).ShouldContain(lead);
        json.GetProperty("latestDateCovered").GetString()!.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$");
    }

    [Fact]
    public async Task GetDeleted_ReturnsDeletionsInWindow_WithDocumentedShape()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        using var dv = await SandboxClient.ConnectAsync(shared.Sandbox);
        var contact = (await dv.GetJsonAsync("contacts?$select=contactid&$top=1")).GetProperty("value")[0].GetProperty("contactid").GetGuid();
        using (var deleted = await dv.SendAsync(HttpMethod.Delete, $"contacts({contact})"))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var (status, json, response) = await client.CallAsync(HttpMethod.Get, $"sobjects/Contact/deleted/?start={Stamp(-60)}&end={Stamp(60)}");
        var (tooOld, _, r2) = await client.CallAsync(HttpMethod.Get, $"sobjects/Contact/deleted/?start={Stamp(-60 * 24 * 20)}&end={Stamp(60)}");
        response.Dispose();
        r2.Dispose();

        status.ShouldBe(200);
        Normalize.Keys(json).ShouldBe(["deletedRecords", "earliestDateAvailable", "latestDateCovered"]);
        Normalize.Keys(json.GetProperty("deletedRecords")[0]).ShouldBe(["id", "deletedDate"]);
        json.GetProperty("deletedRecords")[0].GetProperty("id").GetString()!.ShouldStartWith("003");
        tooOld.ShouldBe(400);
    }

    private static string Stamp(int minutes) =>
        Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
}
