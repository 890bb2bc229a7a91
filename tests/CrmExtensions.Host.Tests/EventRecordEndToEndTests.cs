using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Host.Tests;

/// <summary>The event worker stores the records events name from their images (or by id), and scores only those.</summary>
[Collection(ServedSandboxGroup.Name)]
public sealed class EventRecordEndToEndTests(ServedSandbox served)
{
    private static readonly Guid SomeUser = Guid.Parse("1a2b3c4d-5e6f-4a5b-8c7d-9e8f7a6b5c4d");

    [Fact]
    public async Task SandboxUserEdits_WithPostImages_AreStoredFromTheImages_WithoutReadingTheCrm()
    {
        await served.WaitUntilQuietAsync();
        var org = (await served.Store.Connections.GetOrgAsync("sales"))!.Value;
        var readsBefore = await served.Client.CallsOfAsync("GET leads");
        var eventsBefore = await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE entity = 'lead'");

        var (_, updated, _) = await served.Sandbox.SimulateAsync(served.Client.Org.Key, 40);
        await served.WaitUntilQuietAsync();

        updated.ShouldBeGreaterThan(0);
        (await served.Client.CallsOfAsync("GET leads")).ShouldBe(readsBefore, "every edit came with a post image of every column");
        var named = (await served.QueryAsync("SELECT record_id FROM record_events WHERE entity = 'lead' ORDER BY received_at, event_key LIMIT -1 OFFSET $skip", ("$skip", eventsBefore)))
            .Select(r => (string)r[0]!).Distinct().ToList();
        named.Count.ShouldBeGreaterThan(0);
        (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE row_json IS NOT NULL AND status = 'done'")).ShouldBe(0, "a processed event keeps no field values");

        // The store equals the CRM for every edited lead in the values the user changed (read only now, after the check above).
        foreach (var id in named)
        {
            using var response = await served.Client.SendAsync(HttpMethod.Get, $"leads({id})?$select=modifiedon,leadsourcecode,numberofemployees,statecode");
            var stored = await served.Store.Records.GetAsync(org, "lead", id);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            var crm = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            stored.ShouldNotBeNull();
            // Our own write-back changed modifiedon after the edit (its echo is ignored); the store holds the edit's version.
            stored.ModifiedOn.ShouldBeLessThanOrEqualTo(DateTimeOffset.Parse(crm.GetProperty("modifiedon").GetString()!, CultureInfo.InvariantCulture), $"lead {id}");
            Number(stored["numberofemployees"]).ShouldBe(crm.GetProperty("numberofemployees").ValueKind == JsonValueKind.Number ? crm.GetProperty("numberofemployees").GetDouble() : null, $"lead {id}");
            Option(stored["statecode"]).ShouldBe(crm.GetProperty("statecode").GetRawText(), $"lead {id}");
        }
    }

    [Fact]
    public async Task EventWithoutImage_ReadsTheRecordById_AndScoresOnlyThatRecord()
    {
        await served.WaitUntilQuietAsync();
        var lead = (string)(await served.QueryAsync("SELECT record_id FROM outputs WHERE tbl = 'lead' AND written_at IS NOT NULL ORDER BY record_id LIMIT 1 OFFSET 3"))[0][0]!;
        var readsBefore = await served.Client.CallsOfAsync("GET leads");
        var runsBefore = await served.ScalarAsync("SELECT COUNT(*) FROM job_runs WHERE job = 'score:lead-conversion'");

        using var response = await PostAsync(Payloads.Dataverse(served.Client.Org.OrganizationId, "lead", lead, Guid.NewGuid(), SomeUser));
        await served.WaitUntilQuietAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await served.Client.CallsOfAsync("GET leads")).ShouldBe(readsBefore + 1, "the Target carried no modifiedon and no features: one read by id");
        var runs = await served.QueryAsync("SELECT counts_json FROM job_runs WHERE job = 'score:lead-conversion' ORDER BY started_at LIMIT -1 OFFSET $skip", ("$skip", runsBefore));
        runs.Count.ShouldBe(1);
        JsonDocument.Parse((string)runs[0][0]!).RootElement.GetProperty("scored").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task EventForALeadTheCrmNoLongerHas_StoresItAsDeleted()
    {
        await served.WaitUntilQuietAsync();
        var org = (await served.Store.Connections.GetOrgAsync("sales"))!.Value;
        var lead = (string)(await served.QueryAsync("SELECT record_id FROM outputs WHERE tbl = 'lead' AND written_at IS NOT NULL ORDER BY record_id DESC LIMIT 1 OFFSET 5"))[0][0]!;
        using (var deleted = await served.Client.SendAsync(HttpMethod.Delete, $"leads({lead})"))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var response = await PostAsync(Payloads.Dataverse(served.Client.Org.OrganizationId, "lead", lead, Guid.NewGuid(), SomeUser));
        await served.WaitUntilQuietAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await served.Store.Records.GetAsync(org, "lead", lead);
        stored.ShouldNotBeNull().Deleted.ShouldBeTrue();
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(served.BaseUrl, "api/webhooks/dataverse")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", ServedSandbox.WebhookKey);
        return await served.Http.SendAsync(request);
    }

    private static double? Number(FieldValue? value) => value is NumberValue n ? n.Value : null;

    private static string? Option(FieldValue? value) => value is OptionValue o ? o.Value : null;
}
