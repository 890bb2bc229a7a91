using System.Net;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

public sealed class WriteTests : IAsyncLifetime
{
    private RunningSandbox _sandbox = null!;
    private SandboxClient _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 60, Seed = 9 });
        _client = await SandboxClient.ConnectAsync(_sandbox);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    private async Task<string> FirstIdAsync(string set, string pk, string? filter = null) =>
        (await _client.GetJsonAsync($"{set}?$select={pk}&$top=1" + (filter is null ? string.Empty : "&$filter=" + Uri.EscapeDataString(filter))))
            .GetProperty("value")[0].GetProperty(pk).GetString()!;

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

    [Fact]
    public async Task Patch_IfMatchStarOnMissingRecord_Returns404ObjectDoesNotExist()
    {
        var id = "00000000-0000-0000-0000-000000000001";

        using var response = await _client.SendAsync(HttpMethod.Patch, $"accounts({id})", "{\"name\":\"x\"}", ("If-Match", "*"));
        var error = await ErrorAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.GetProperty("code").GetString().ShouldBe("0x80040217");
        error.GetProperty("message").GetString().ShouldBe($"account With Id = {id} Does Not Exist");
    }

    [Fact]
    public async Task Patch_IfNoneMatchStarOnExistingRecord_Returns412()
    {
        var id = await FirstIdAsync("accounts", "accountid");

        using var response = await _client.SendAsync(HttpMethod.Patch, $"accounts({id})", "{\"name\":\"x\"}", ("If-None-Match", "*"));
        var error = await ErrorAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        error.GetProperty("code").GetString().ShouldBe(string.Empty);
        error.GetProperty("message").GetString().ShouldBe("A record with matching key values already exists.");
    }

    [Fact]
    public async Task Patch_WithoutConditions_UpsertsNewRecord()
    {
        var id = Guid.NewGuid();

        using var created = await _client.SendAsync(HttpMethod.Patch, $"leads({id})", "{\"subject\":\"Upserted\",\"lastname\":\"New\"}", ("Prefer", "return=representation"));
        using var updated = await _client.SendAsync(HttpMethod.Patch, $"leads({id})", "{\"subject\":\"Upserted again\"}", ("Prefer", "return=representation"));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await updated.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("subject").GetString().ShouldBe("Upserted again");
        body.GetProperty("@odata.context").GetString()!.ShouldEndWith("$metadata#leads/$entity");
    }

    [Fact]
    public async Task Patch_Update_Returns204WithEntityIdAndBumpsEtag()
    {
        var id = await FirstIdAsync("accounts", "accountid");
        var before = (await _client.GetJsonAsync($"accounts({id})?$select=name")).GetProperty("@odata.etag").GetString();

        using var response = await _client.SendAsync(HttpMethod.Patch, $"accounts({id})", "{\"name\":\"Renamed\"}", ("If-Match", "*"));
        var after = await _client.GetJsonAsync($"accounts({id})?$select=name,modifiedon");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("OData-EntityId").Single().ShouldBe($"{_client.Org.ApiUrl}accounts({id})");
        after.GetProperty("name").GetString().ShouldBe("Renamed");
        after.GetProperty("@odata.etag").GetString().ShouldNotBe(before);
    }

    [Fact]
    public async Task Patch_StaleEtag_Returns412VersionMismatch()
    {
        var id = await FirstIdAsync("accounts", "accountid");
        var etag = (await _client.GetJsonAsync($"accounts({id})?$select=name")).GetProperty("@odata.etag").GetString()!;
        await _client.SendAsync(HttpMethod.Patch, $"accounts({id})", "{\"name\":\"First\"}", ("If-Match", etag));

        using var response = await _client.SendAsync(HttpMethod.Patch, $"accounts({id})", "{\"name\":\"Second\"}", ("If-Match", etag));

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await ErrorAsync(response)).GetProperty("message").GetString().ShouldBe("The version of the existing record doesn't match the RowVersion property provided.");
    }

    [Fact]
    public async Task Patch_StatecodeWithWrongStatuscode_Returns400()
    {
        var id = await FirstIdAsync("leads", "leadid", "statecode eq 0");

        using var response = await _client.SendAsync(HttpMethod.Patch, $"leads({id})", "{\"statecode\":2,\"statuscode\":3}", ("If-Match", "*"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).GetProperty("code").GetString().ShouldBe("0x80048408");
    }

    [Fact]
    public async Task Patch_StatecodeAlone_SetsDefaultStatus()
    {
        var id = await FirstIdAsync("leads", "leadid", "statecode eq 0");

        await _client.SendAsync(HttpMethod.Patch, $"leads({id})", "{\"statecode\":2}", ("If-Match", "*"));
        var row = await _client.GetJsonAsync($"leads({id})?$select=statecode,statuscode");

        row.GetProperty("statuscode").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task Patch_ResolvedCase_RejectsUpdate()
    {
        var id = await FirstIdAsync("incidents", "incidentid", "statecode eq 1");

        using var response = await _client.SendAsync(HttpMethod.Patch, $"incidents({id})", "{\"title\":\"changed\"}", ("If-Match", "*"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).GetProperty("message").GetString()!.ShouldContain("already been resolved");
    }

    [Fact]
    public async Task Patch_ResolveCaseByStatecode_IsRejectedByDefault()
    {
        var id = await FirstIdAsync("incidents", "incidentid", "statecode eq 0");

        using var response = await _client.SendAsync(HttpMethod.Patch, $"incidents({id})", "{\"statecode\":1,\"statuscode\":5}", ("If-Match", "*"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_TooLongString_Returns400WithDocValidationMessage()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "tasks", JsonSerializer.Serialize(new { subject = new string('x', 201) }));
        var error = await ErrorAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.GetProperty("code").GetString().ShouldBe("0x80044331");
        error.GetProperty("message").GetString().ShouldBe("A validation error occurred.  The length of the 'subject' attribute of the 'task' entity exceeded the maximum allowed length of '200'.");
    }

    [Fact]
    public async Task Post_UnknownProperty_Returns400()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "leads", "{\"subject\":\"a\",\"nosuch\":1}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).GetProperty("message").GetString()!.ShouldContain("The property 'nosuch' does not exist on type 'Microsoft.Dynamics.CRM.lead'");
    }

    [Fact]
    public async Task Post_WithBind_SetsLookupAndReturnsRepresentation()
    {
        var account = await FirstIdAsync("accounts", "accountid");

        using var response = await _client.SendAsync(HttpMethod.Post, "tasks?$select=subject,_regardingobjectid_value",
            $"{{\"subject\":\"Call back\",\"regardingobjectid_account_task@odata.bind\":\"accounts({account})\"}}", ("Prefer", "return=representation"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        body.GetProperty("_regardingobjectid_value").GetString().ShouldBe(account);
        Normalize.Keys(body).ShouldBe(["@odata.context", "@odata.etag", "subject", "_regardingobjectid_value", "activityid"]);
    }

    [Fact]
    public async Task Delete_MissingRecord_Returns404()
    {
        using var response = await _client.SendAsync(HttpMethod.Delete, $"leads({Guid.NewGuid()})");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PredictiveScore_CreateThenPatchByAlternateKey_MatchesDocExample()
    {
        // Golden: dataverse.md §9 bring-your-own-model example (both 204).
        var lead = await FirstIdAsync("leads", "leadid");

        using var created = await _client.SendAsync(HttpMethod.Post, "msdyn_predictivescores",
            $"{{\"msdyn_score\":90,\"msdyn_scoretrend\":0,\"msdyn_grade\":0,\"msdyn_entityid\":\"{lead}\",\"msdyn_entitytype\":\"lead\"}}");
        using var patched = await _client.SendAsync(HttpMethod.Patch,
            $"msdyn_predictivescores(msdyn_entityid=%27{lead}%27,msdyn_entitytype=%27lead%27)", "{\"msdyn_score\":95,\"msdyn_scoretrend\":0,\"msdyn_grade\":0}");
        var rows = (await _client.GetJsonAsync($"msdyn_predictivescores?$select=msdyn_score&$filter=msdyn_entityid eq '{lead}'")).GetProperty("value");

        created.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        patched.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        rows.GetArrayLength().ShouldBe(1);
        rows[0].GetProperty("msdyn_score").GetInt32().ShouldBe(95);
    }

    [Fact]
    public async Task UpdateMultiple_Targets_UpdatesEveryRecord()
    {
        var ids = (await _client.GetJsonAsync("accounts?$select=accountid&$top=3")).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("accountid").GetString()).ToList();
        var targets = string.Join(',', ids.Select((id, i) => $"{{\"name\":\"Bulk {i}\",\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"{id}\"}}"));

        using var response = await _client.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", $"{{\"Targets\":[{targets}]}}");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _client.GetJsonAsync($"accounts({ids[2]})?$select=name")).GetProperty("name").GetString().ShouldBe("Bulk 2");
    }

    [Fact]
    public async Task UpdateMultiple_OneMissingTarget_ChangesNothing()
    {
        var id = await FirstIdAsync("accounts", "accountid");
        var body = $"{{\"Targets\":[{{\"name\":\"Should roll back\",\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"{id}\"}},"
            + $"{{\"name\":\"x\",\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"{Guid.NewGuid()}\"}}]}}";

        using var response = await _client.SendAsync(HttpMethod.Post, "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", body);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _client.GetJsonAsync($"accounts({id})?$select=name")).GetProperty("name").GetString().ShouldNotBe("Should roll back");
    }

    [Fact]
    public async Task CloseIncident_ActiveCase_ResolvesItAndLaterUpdatesAreRejected()
    {
        var id = await FirstIdAsync("incidents", "incidentid", "statecode eq 0");
        var body = $"{{\"IncidentResolution\":{{\"subject\":\"Solved\",\"incidentid@odata.bind\":\"/incidents({id})\",\"@odata.type\":\"Microsoft.Dynamics.CRM.incidentresolution\"}},\"Status\":5}}";

        using var closed = await _client.SendAsync(HttpMethod.Post, "CloseIncident", body);
        var row = await _client.GetJsonAsync($"incidents({id})?$select=statecode,statuscode");
        using var again = await _client.SendAsync(HttpMethod.Post, "CloseIncident", body);

        closed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        row.GetProperty("statecode").GetInt32().ShouldBe(1);
        row.GetProperty("statuscode").GetInt32().ShouldBe(5);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Patch_ResolveCaseByStatecode_IsAllowedInVariant()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 60, Seed = 9, Variants = new DataverseVariants { AllowResolveIncidentByPatch = true } });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var id = (await client.GetJsonAsync("incidents?$select=incidentid&$top=1&$filter=statecode eq 0")).GetProperty("value")[0].GetProperty("incidentid").GetString();

        using var response = await client.SendAsync(HttpMethod.Patch, $"incidents({id})", "{\"statecode\":1,\"statuscode\":5}", ("If-Match", "*"));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Patch_AlternateKeyOfMissingRecord_CreatesItWithKeyValuesFromUrl()
    {
        // Golden: dataverse.md §3 "Upsert with alternate key" (204 + OData-EntityId naming the key).
        var entityId = Guid.NewGuid().ToString("D");

        using var response = await _client.SendAsync(HttpMethod.Patch,
            $"msdyn_predictivescores(msdyn_entityid='{entityId}',msdyn_entitytype='lead')", "{\"msdyn_score\":42}", ("If-None-Match", "null"));
        var rows = (await _client.GetJsonAsync($"msdyn_predictivescores?$select=msdyn_score,msdyn_entitytype&$filter=msdyn_entityid eq '{entityId}'")).GetProperty("value");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("OData-Version").Single().ShouldBe("4.0");
        response.Headers.GetValues("OData-EntityId").Single().ShouldBe($"{_client.Org.ApiUrl}msdyn_predictivescores(msdyn_entityid='{entityId}',msdyn_entitytype='lead')");
        rows.GetArrayLength().ShouldBe(1);
        rows[0].GetProperty("msdyn_score").GetInt32().ShouldBe(42);
        rows[0].GetProperty("msdyn_entitytype").GetString().ShouldBe("lead");
    }

    [Fact]
    public async Task CreateMultiple_Targets_ReturnsIdsOfCreatedRecords()
    {
        var targets = string.Join(',', Enumerable.Range(0, 3).Select(i => $"{{\"msdyn_score\":{50 + i},\"msdyn_entityid\":\"{Guid.NewGuid()}\",\"msdyn_entitytype\":\"lead\",\"@odata.type\":\"Microsoft.Dynamics.CRM.msdyn_predictivescore\"}}"));

        using var response = await _client.SendAsync(HttpMethod.Post, "msdyn_predictivescores/Microsoft.Dynamics.CRM.CreateMultiple", $"{{\"Targets\":[{targets}]}}");
        var ids = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("Ids").EnumerateArray().Select(e => e.GetString()).ToList();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ids.Count.ShouldBe(3);
        (await _client.GetJsonAsync($"msdyn_predictivescores({ids[1]})?$select=msdyn_score")).GetProperty("msdyn_score").GetInt32().ShouldBe(51);
    }

    [Fact]
    public async Task Delete_StaleEtag_Returns412AndKeepsRecord()
    {
        var id = await FirstIdAsync("contacts", "contactid");
        var etag = (await _client.GetJsonAsync($"contacts({id})?$select=fullname")).GetProperty("@odata.etag").GetString()!;
        await _client.SendAsync(HttpMethod.Patch, $"contacts({id})", "{\"jobtitle\":\"CTO\"}", ("If-Match", "*"));

        using var response = await _client.SendAsync(HttpMethod.Delete, $"contacts({id})", null, ("If-Match", etag));

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await _client.GetAsync($"contacts({id})")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DateFunctions_AfterEdits_SelectRowsByOrgClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 40, TimeProvider = clock });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var ids = (await client.GetJsonAsync("leads?$select=leadid&$top=3")).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("leadid").GetString()).ToList();
        foreach (var id in ids)
        {
            await client.SendAsync(HttpMethod.Patch, $"leads({id})", "{\"subject\":\"edited\"}", ("If-Match", "*"));
        }

        var lastHour = (await client.GetJsonAsync("leads?$select=leadid&$filter=" + Uri.EscapeDataString("Microsoft.Dynamics.CRM.LastXHours(PropertyName='modifiedon',PropertyValue=1)"))).GetProperty("value");
        var today = (await client.GetJsonAsync("leads?$select=leadid&$filter=" + Uri.EscapeDataString("Microsoft.Dynamics.CRM.Today(PropertyName='modifiedon')"))).GetProperty("value");
        var all = (await client.GetJsonAsync("leads?$select=createdon")).GetProperty("value").EnumerateArray().ToList();
        var old = (await client.GetJsonAsync("leads?$select=leadid&$count=true&$filter=" + Uri.EscapeDataString("Microsoft.Dynamics.CRM.OlderThanXDays(PropertyName='createdon',PropertyValue=365)")));

        lastHour.EnumerateArray().Select(r => r.GetProperty("leadid").GetString()).ShouldBe(ids, ignoreOrder: true);
        today.GetArrayLength().ShouldBe(3);
        old.GetProperty("@odata.count").GetInt32().ShouldBe(all.Count(r => r.GetProperty("createdon").GetDateTime() < new DateTime(2025, 11, 20, 10, 0, 0, DateTimeKind.Utc)));
    }
}
