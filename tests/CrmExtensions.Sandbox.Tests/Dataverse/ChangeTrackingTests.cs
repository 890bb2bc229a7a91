using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

public sealed class ChangeTrackingTests
{
    private static FakeTimeProvider Clock() => new(DateTimeOffset.Parse("2026-11-20T10:00:00Z", CultureInfo.InvariantCulture));

    private static async Task<(string DeltaLink, List<JsonElement> Rows)> InitialAsync(SandboxClient client, string query, int pageSize = 5000)
    {
        var rows = new List<JsonElement>();
        var link = query;
        var first = true;
        while (true)
        {
            var page = first
                ? await client.GetJsonAsync(link, ("Prefer", $"odata.track-changes,odata.maxpagesize={pageSize}"))
                : await client.GetJsonAsync(link, ("Prefer", $"odata.maxpagesize={pageSize}"));
            first = false;
            rows.AddRange(page.GetProperty("value").EnumerateArray());
            if (page.TryGetProperty("@odata.deltaLink", out var delta))
            {
                return (delta.GetString()!, rows);
            }

            link = page.GetProperty("@odata.nextLink").GetString()!;
        }
    }

    [Fact]
    public async Task TrackChanges_InitialRequest_MatchesDocExampleShape()
    {
        // Golden: dataverse.md §2 initial change-tracking example.
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 40, TimeProvider = Clock() });
        using var client = await SandboxClient.ConnectAsync(sandbox);

        using var response = await client.GetAsync("accounts?$select=name,accountnumber,telephone1,fax", ("Prefer", "odata.track-changes"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.Headers.GetValues("Preference-Applied").Single().ShouldBe("odata.track-changes");
        Normalize.Keys(json).ShouldBe(["@odata.context", "@odata.deltaLink", "value"]);
        json.GetProperty("@odata.context").GetString().ShouldBe($"{client.Org.Url}/api/data/v9.2/$metadata#accounts(name,accountnumber,telephone1,fax)");
        json.GetProperty("@odata.deltaLink").GetString()!.ShouldMatch(
            "^" + System.Text.RegularExpressions.Regex.Escape($"{client.Org.Url}/api/data/v9.2/accounts?$select=name,accountnumber,telephone1,fax&$deltatoken=")
            + "\\d+%2111%2f20%2f2026%2010%3a00%3a00$");
        Normalize.Keys(json.GetProperty("value")[0]).ShouldBe(["@odata.etag", "name", "accountnumber", "telephone1", "fax", "accountid"]);
    }

    [Fact]
    public async Task Delta_AfterUpdateAndDelete_ReturnsChangedRowThenDeletedEntity()
    {
        // Golden: dataverse.md §2 delta response example.
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 40, TimeProvider = Clock() });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (deltaLink, rows) = await InitialAsync(client, "accounts?$select=name,telephone1,fax");
        var updated = rows[3].GetProperty("accountid").GetString();
        var deleted = rows[7].GetProperty("accountid").GetString();

        (await client.SendAsync(HttpMethod.Patch, $"accounts({updated})", "{\"telephone1\":\"555000\"}", ("If-Match", "*"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.SendAsync(HttpMethod.Delete, $"accounts({deleted})")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var delta = await client.GetJsonAsync(deltaLink);

        Normalize.Keys(delta).ShouldBe(["@odata.context", "@odata.deltaLink", "value"]);
        delta.GetProperty("@odata.context").GetString().ShouldBe($"{client.Org.Url}/api/data/v9.2/$metadata#accounts(name,telephone1,fax)/$delta");
        var values = delta.GetProperty("value");
        values.GetArrayLength().ShouldBe(2);
        values[0].GetProperty("accountid").GetString().ShouldBe(updated);
        values[0].GetProperty("telephone1").GetString().ShouldBe("555000");
        Normalize.Keys(values[1]).ShouldBe(["@odata.context", "id", "reason"]);
        values[1].GetProperty("@odata.context").GetString().ShouldBe($"{client.Org.Url}/api/data/v9.2/$metadata#accounts/$deletedEntity");
        values[1].GetProperty("id").GetString().ShouldBe(deleted);
        values[1].GetProperty("reason").GetString().ShouldBe("deleted");
    }

    [Fact]
    public async Task TrackChanges_Paged_PutsDeltaLinkOnLastPageOnly()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 40, TimeProvider = Clock() });
        using var client = await SandboxClient.ConnectAsync(sandbox);

        var (deltaLink, rows) = await InitialAsync(client, "leads?$select=subject", pageSize: 7);

        rows.Count.ShouldBe(40);
        rows.Select(r => r.GetProperty("leadid").GetString()).Distinct().Count().ShouldBe(40);
        deltaLink.ShouldContain("$deltatoken=");
    }

    [Fact]
    public async Task Delta_CreatedThenDeleted_IsReportedAsDeleted()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20, TimeProvider = Clock() });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (deltaLink, _) = await InitialAsync(client, "leads?$select=subject");
        using var created = await client.SendAsync(HttpMethod.Post, "leads", "{\"subject\":\"temp\",\"lastname\":\"Temp\"}");
        var id = created.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1];
        await client.SendAsync(HttpMethod.Delete, $"leads({id})");

        var delta = await client.GetJsonAsync(deltaLink);

        var values = delta.GetProperty("value").EnumerateArray().ToList();
        values.Count.ShouldBe(1);
        values[0].GetProperty("id").GetString().ShouldBe(id);
    }

    [Fact]
    public async Task Delta_NoChanges_ReturnsEmptyValueWithNewLink()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20, TimeProvider = Clock() });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (deltaLink, _) = await InitialAsync(client, "leads?$select=subject");

        var delta = await client.GetJsonAsync(deltaLink);

        delta.GetProperty("value").GetArrayLength().ShouldBe(0);
        delta.GetProperty("@odata.deltaLink").GetString().ShouldNotBeNull();
    }

    [Fact]
    public async Task Delta_NoChangesSameLinkVariant_ReturnsRequestedLink()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scale = 20, TimeProvider = Clock(), Variants = new DataverseVariants { EmptyDelta = EmptyDeltaShape.EmptyValueWithSameDeltaLink },
        });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (deltaLink, _) = await InitialAsync(client, "leads?$select=subject");

        var delta = await client.GetJsonAsync(deltaLink);

        delta.GetProperty("@odata.deltaLink").GetString().ShouldBe(deltaLink);
    }

    [Theory]
    [InlineData(DeltaTokenExpiredStatus.BadRequest, 400)]
    [InlineData(DeltaTokenExpiredStatus.Gone, 410)]
    [InlineData(DeltaTokenExpiredStatus.InternalServerError, 500)]
    public async Task Delta_TokenOlderThanRetention_IsRefusedWithExpiredVersionStamp(DeltaTokenExpiredStatus variant, int status)
    {
        var clock = Clock();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scale = 20, TimeProvider = clock, TokenLifetime = TimeSpan.FromDays(30), Variants = new DataverseVariants { ExpiredDeltaTokenStatus = variant },
        });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (deltaLink, _) = await InitialAsync(client, "leads?$select=subject");
        clock.Advance(TimeSpan.FromDays(8));

        using var response = await client.GetAsync(deltaLink);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        ((int)response.StatusCode).ShouldBe(status);
        error.GetProperty("code").GetString().ShouldBe("0x80044352");
        error.GetProperty("message").GetString().ShouldBe("Version stamp associated with the client has expired. Please perform a full sync.");
    }

    [Fact]
    public async Task Delta_UnknownToken_IsRefused()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20, TimeProvider = Clock() });
        using var client = await SandboxClient.ConnectAsync(sandbox);

        using var response = await client.GetAsync("leads?$select=subject&$deltatoken=999999999%2111%2f20%2f2026%2010%3a00%3a00");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("$filter=statecode eq 0", "$filter")]
    [InlineData("$orderby=subject", "$orderby")]
    [InlineData("$top=3", "$top")]
    [InlineData("$expand=parentaccountid", "$expand")]
    public async Task TrackChanges_WithUnsupportedOption_Returns400WithDocMessage(string option, string name)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);

        using var response = await client.GetAsync($"leads?$select=subject&{option}", ("Prefer", "odata.track-changes"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.GetProperty("message").GetString().ShouldBe($"The \"{name}\" query parameter isn't supported when Change Tracking is enabled.");
    }

    [Fact]
    public async Task DeltaCount_AfterChanges_CountsChanges()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20, TimeProvider = Clock() });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (deltaLink, rows) = await InitialAsync(client, "leads?$select=subject");
        await client.SendAsync(HttpMethod.Patch, $"leads({rows[0].GetProperty("leadid").GetString()})", "{\"subject\":\"x\"}", ("If-Match", "*"));
        var token = deltaLink[(deltaLink.IndexOf("$deltatoken=", StringComparison.Ordinal) + 12)..];

        using var response = await client.GetAsync($"leads/$count?$deltatoken={token}");

        (await response.Content.ReadAsStringAsync()).ShouldBe("1");
    }
}
