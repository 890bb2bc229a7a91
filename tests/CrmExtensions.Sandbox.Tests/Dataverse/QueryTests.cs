using System.Net;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

public sealed class QueryTests(SharedSandbox shared) : IClassFixture<SharedSandbox>
{
    [Fact]
    public async Task Contacts_SelectWithMaxPageSize_MatchesDocPagingExample()
    {
        // Golden: dataverse.md §1 "Paging" example (ids, versions and names normalised).
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        using var response = await client.GetAsync("contacts?$select=fullname", ("Prefer", "odata.maxpagesize=2"));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("OData-Version").Single().ShouldBe("4.0");
        response.Headers.GetValues("Preference-Applied").Single().ShouldBe("odata.maxpagesize=2");
        var json = JsonDocument.Parse(text).RootElement;
        Normalize.Keys(json).ShouldBe(["@odata.context", "value", "@odata.nextLink"]);
        json.GetProperty("@odata.context").GetString().ShouldBe($"{client.Org.Url}/api/data/v9.2/$metadata#contacts(fullname)");
        json.GetProperty("value").GetArrayLength().ShouldBe(2);
        foreach (var row in json.GetProperty("value").EnumerateArray())
        {
            Normalize.Keys(row).ShouldBe(["@odata.etag", "fullname", "contactid"]);
            row.GetProperty("@odata.etag").GetString()!.ShouldMatch("^W/\"\\d+\"$");
        }

        var docLink = "[Organization URI]/api/data/v9.2/contacts?$select=fullname&$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%253ccontactid%2520last%253d%2522%257bD5026A4D-D01C-ED11-B83E-000D3A572421%257d%2522%2520first%253d%2522%257b49B0BE2E-D01C-ED11-B83E-000D3A572421%257d%2522%2520%252f%253e%253c%252fcookie%253e%22%20istracking=%22False%22%20/%3E";
        var link = json.GetProperty("@odata.nextLink").GetString()!.Replace(client.Org.Url.ToString(), "[Organization URI]", StringComparison.Ordinal);
        Normalize.Guids(link).ShouldBe(Normalize.Guids(docLink));
    }

    [Fact]
    public async Task Leads_FollowingNextLinks_ReturnsEveryRowOnce()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);
        var seen = new List<Guid>();
        string? next = "leads?$select=leadid,subject";

        while (next is not null)
        {
            var page = await client.GetJsonAsync(next, ("Prefer", "odata.maxpagesize=37"));
            seen.AddRange(page.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("leadid").GetGuid()));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        seen.Count.ShouldBe(400);
        seen.Distinct().Count().ShouldBe(400);
    }

    [Fact]
    public async Task Leads_OrderByWithPaging_KeepsOrderAcrossPages()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);
        var dates = new List<DateTime>();
        string? next = "leads?$select=createdon&$orderby=createdon desc";

        while (next is not null)
        {
            var page = await client.GetJsonAsync(next, ("Prefer", "odata.maxpagesize=50"));
            dates.AddRange(page.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("createdon").GetDateTime()));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        dates.Count.ShouldBe(400);
        dates.ShouldBe(dates.OrderByDescending(d => d).ToList());
    }

    [Theory]
    [InlineData("statecode eq 1")]
    [InlineData("statecode ne 1 and numberofemployees ge 100")]
    [InlineData("(leadsourcecode eq 8 or leadsourcecode eq 2) and not (statecode eq 0)")]
    [InlineData("createdon gt 2026-06-01T00:00:00Z")]
    [InlineData("startswith(lastname,'s')")]
    [InlineData("emailaddress1 eq null")]
    [InlineData("Microsoft.Dynamics.CRM.Between(PropertyName='numberofemployees',PropertyValues=[\"5\",\"2000\"])")]
    [InlineData("Microsoft.Dynamics.CRM.In(PropertyName='leadsourcecode',PropertyValues=['2','8']) and statecode eq 0")]
    public async Task Leads_Filter_MatchesClientSideEvaluation(string filter)
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);
        var all = (await client.GetJsonAsync("leads?$select=statecode,numberofemployees,leadsourcecode,createdon,lastname,emailaddress1"))
            .GetProperty("value").EnumerateArray().ToList();

        var filtered = (await client.GetJsonAsync($"leads?$select=leadid&$filter={Uri.EscapeDataString(filter)}&$count=true"));

        var expected = all.Count(r => Evaluate(filter, r));
        filtered.GetProperty("@odata.count").GetInt32().ShouldBe(expected);
        filtered.GetProperty("value").GetArrayLength().ShouldBe(expected);
        expected.ShouldBeGreaterThan(0);
    }

    private static bool Evaluate(string filter, JsonElement r)
    {
        int? Int(string name) => r.GetProperty(name).ValueKind == JsonValueKind.Null ? null : r.GetProperty(name).GetInt32();
        return filter switch
        {
            "statecode eq 1" => Int("statecode") == 1,
            "statecode ne 1 and numberofemployees ge 100" => Int("statecode") != 1 && Int("numberofemployees") >= 100,
            "(leadsourcecode eq 8 or leadsourcecode eq 2) and not (statecode eq 0)" => Int("leadsourcecode") is 8 or 2 && Int("statecode") != 0,
            "createdon gt 2026-06-01T00:00:00Z" => r.GetProperty("createdon").GetDateTime() > new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc),
            "startswith(lastname,'s')" => r.GetProperty("lastname").GetString()!.StartsWith('S') || r.GetProperty("lastname").GetString()!.StartsWith('s'),
            _ when filter.Contains("Between", StringComparison.Ordinal) => Int("numberofemployees") is >= 5 and <= 2000,
            _ when filter.Contains(".In(", StringComparison.Ordinal) => Int("leadsourcecode") is 2 or 8 && Int("statecode") == 0,
            _ => r.GetProperty("emailaddress1").ValueKind == JsonValueKind.Null,
        };
    }

    [Fact]
    public async Task Leads_FilterOnLookupGuid_ReturnsOwnersRows()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);
        var first = (await client.GetJsonAsync("leads?$select=_ownerid_value&$top=1")).GetProperty("value")[0];
        var owner = first.GetProperty("_ownerid_value").GetString();

        var rows = (await client.GetJsonAsync($"leads?$select=_ownerid_value&$filter=_ownerid_value eq {owner}")).GetProperty("value");

        rows.GetArrayLength().ShouldBeGreaterThan(0);
        rows.EnumerateArray().ShouldAllBe(r => r.GetProperty("_ownerid_value").GetString() == owner);
    }

    [Fact]
    public async Task Leads_TopWithoutMaxPageSize_LimitsRowsWithoutNextLink()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync("leads?$select=subject&$top=5");

        json.GetProperty("value").GetArrayLength().ShouldBe(5);
        json.TryGetProperty("@odata.nextLink", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Leads_UnknownSelectColumn_Returns400WithPropertyMessage()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        using var response = await client.GetAsync("leads?$select=subject,nosuchcolumn");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.GetProperty("message").GetString().ShouldBe("Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.lead'.");
    }

    [Fact]
    public async Task Leads_UnknownFilterColumn_Returns400()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        using var response = await client.GetAsync("leads?$filter=bogus eq 1");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Leads_IncludeAnnotations_AddsFormattedValuesAndLookupNames()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        using var response = await client.GetAsync("leads?$select=statecode,_ownerid_value,revenue&$filter=revenue ne null&$top=1", ("Prefer", "odata.include-annotations=\"*\""));
        var row = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("value")[0];

        row.GetProperty("statecode@OData.Community.Display.V1.FormattedValue").GetString().ShouldBeOneOf("Open", "Qualified", "Disqualified");
        row.GetProperty("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").GetString().ShouldBe("systemuser");
        row.GetProperty("_ownerid_value@OData.Community.Display.V1.FormattedValue").GetString().ShouldNotBeNullOrEmpty();
        row.GetProperty("revenue@OData.Community.Display.V1.FormattedValue").GetString().ShouldNotBeNullOrEmpty();
        response.Headers.GetValues("Preference-Applied").Single().ShouldContain("odata.include-annotations");
    }

    [Fact]
    public async Task Orgs_ShareRecordIds_ButServeTheirOwnData()
    {
        using var org1 = await SandboxClient.ConnectAsync(shared.Sandbox, 0);
        using var org2 = await SandboxClient.ConnectAsync(shared.Sandbox, 1);

        var ids1 = (await org1.GetJsonAsync("accounts?$select=accountid")).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("accountid").GetGuid()).ToHashSet();
        var ids2 = (await org2.GetJsonAsync("accounts?$select=accountid")).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("accountid").GetGuid()).ToHashSet();
        var who1 = await org1.GetJsonAsync("WhoAmI");
        var who2 = await org2.GetJsonAsync("WhoAmI");

        ids1.Intersect(ids2).Count().ShouldBeGreaterThan(50);
        who1.GetProperty("OrganizationId").GetGuid().ShouldNotBe(who2.GetProperty("OrganizationId").GetGuid());
    }

    [Fact]
    public async Task Retrieve_ById_ReturnsEntityWithEtag()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);
        var id = (await client.GetJsonAsync("accounts?$select=accountid&$top=1")).GetProperty("value")[0].GetProperty("accountid").GetString();

        using var response = await client.GetAsync($"accounts({id})?$select=name");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("@odata.context").GetString()!.ShouldEndWith("$metadata#accounts(name)/$entity");
        response.Headers.ETag!.ToString().ShouldBe(json.GetProperty("@odata.etag").GetString());
    }

    [Fact]
    public async Task Count_Segment_ReturnsPlainNumber()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        using var response = await client.GetAsync("leads/$count");

        (await response.Content.ReadAsStringAsync()).ShouldBe("400");
    }

    [Fact]
    public async Task MaxPageSize_Above5000_IsIgnored()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        using var response = await client.GetAsync("leads?$select=subject", ("Prefer", "odata.maxpagesize=6000"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.Headers.Contains("Preference-Applied").ShouldBeFalse();
        json.GetProperty("value").GetArrayLength().ShouldBe(400);
    }

    [Fact]
    public async Task IncrementalPull_DocQuery_ReturnsModifiedRowsInOrder()
    {
        // Golden: dataverse.md §1 "Typical incremental pull" request.
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);
        var since = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

        var json = await client.GetJsonAsync("leads?$select=leadid,subject,statecode,statuscode,modifiedon&$filter=modifiedon gt 2026-03-01T00:00:00Z&$orderby=modifiedon asc,leadid asc");
        var rows = json.GetProperty("value").EnumerateArray().ToList();

        rows.ShouldNotBeEmpty();
        Normalize.Keys(rows[0]).ShouldBe(["@odata.etag", "leadid", "subject", "statecode", "statuscode", "modifiedon"]);
        rows.ShouldAllBe(r => r.GetProperty("modifiedon").GetDateTime() > since);
        var keys = rows.Select(r => (r.GetProperty("modifiedon").GetDateTime(), Guid.Parse(r.GetProperty("leadid").GetString()!))).ToList();
        keys.ShouldBe(keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2).ToList());
    }

    [Fact]
    public async Task Error_WithIncludeAnnotations_CarriesHelpLinkAndInnerMessage()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        using var response = await client.GetAsync($"leads({Guid.Empty})", ("Prefer", "odata.include-annotations=\"*\""));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.GetProperty("code").GetString().ShouldBe("0x80040217");
        error.GetProperty("@Microsoft.PowerApps.CDS.HelpLink").GetString()!.ShouldContain("error=Microsoft.Crm.CrmException%3a80040217");
        error.GetProperty("@Microsoft.PowerApps.CDS.InnerError.Message").GetString().ShouldBe(error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Expand_SingleValuedLookups_NestsRelatedRows()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync("leads?$select=subject,_parentaccountid_value&$expand=parentaccountid($select=name),ownerid($select=fullname)&$filter=_parentaccountid_value ne null&$top=3");
        var row = json.GetProperty("value")[0];

        json.GetProperty("@odata.context").GetString()!.ShouldEndWith("$metadata#leads(subject,_parentaccountid_value,parentaccountid(name),ownerid(fullname))");
        Normalize.Keys(row).ShouldBe(["@odata.etag", "subject", "_parentaccountid_value", "leadid", "parentaccountid", "ownerid"]);
        Normalize.Keys(row.GetProperty("parentaccountid")).ShouldBe(["@odata.etag", "name", "accountid"]);
        row.GetProperty("parentaccountid").GetProperty("accountid").GetString().ShouldBe(row.GetProperty("_parentaccountid_value").GetString());
        row.GetProperty("ownerid").GetProperty("fullname").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Expand_CustomerLookupPerTarget_AndUnknownNavigationFails()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync("opportunities?$select=name&$expand=customerid_account($select=name),customerid_contact($select=fullname)&$top=2");
        using var unknown = await client.GetAsync("opportunities?$expand=nosuchnav");

        json.GetProperty("value")[0].GetProperty("customerid_account").GetProperty("name").GetString().ShouldNotBeNull();
        json.GetProperty("value")[0].GetProperty("customerid_contact").ValueKind.ShouldBe(JsonValueKind.Null);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
