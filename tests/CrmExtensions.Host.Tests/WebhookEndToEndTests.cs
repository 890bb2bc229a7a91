using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmExtensions.Host.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CrmExtensions.Host.Tests;

/// <summary>Webhooks from the sandbox through the host: stored, rescored, written back; duplicates, loops, strangers.</summary>
[Collection(ServedSandboxGroup.Name)]
public sealed partial class WebhookEndToEndTests(ServedSandbox served)
{
    private static readonly Guid SomeUser = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    [Fact]
    public async Task SandboxUserEdits_AreStoredRescoredAndWrittenBack_AndOwnWritesAreIgnored()
    {
        await served.WaitUntilQuietAsync();
        var eventsBefore = await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE entity = 'lead'");
        var writesBefore = await served.Client.WriteCallsAsync();
        var simulationStart = DateTimeOffset.UtcNow;

        var (_, updated, _) = await served.Sandbox.SimulateAsync(served.Client.Org.Key, 60);
        await served.WaitUntilQuietAsync();

        updated.ShouldBeGreaterThan(0);
        var events = await served.QueryAsync("SELECT record_id, status, received_at FROM record_events WHERE entity = 'lead' ORDER BY received_at");
        (events.Count - eventsBefore).ShouldBeGreaterThan(0, "the sandbox's user edits of leads arrived as stored events");
        events.Count(e => (string)e[1]! != "done").ShouldBe(0);

        // Every open lead an event named was rescored after the edits; what moved materially was written to the CRM.
        var leads = events.Skip((int)eventsBefore).Select(e => (string)e[0]!).Distinct().ToList();
        var org = (await served.Store.Connections.GetOrgAsync("sales"))!.Value;
        var rescored = 0;
        var written = 0;
        foreach (var lead in leads)
        {
            var record = await served.Store.Records.GetAsync(org, "lead", lead);
            if (record is null || record.Deleted || record["statecode"] is not Scoring.Records.OptionValue { Value: "0" })
            {
                continue;
            }

            var outputs = await served.QueryAsync("SELECT field, produced_at, written_at FROM outputs WHERE tbl = 'lead' AND record_id = $id", ("$id", lead));
            outputs.Count.ShouldBeGreaterThan(0, $"lead {lead} has outputs");
            rescored += outputs.Any(o => After((string)o[1]!, simulationStart)) ? 1 : 0;
            written += outputs.Any(o => o[2] is string at && After(at, simulationStart)) ? 1 : 0;
        }

        rescored.ShouldBeGreaterThan(0, "open leads named by events were rescored after the edits");
        written.ShouldBeGreaterThan(0, "material changes of rescored leads were written back");
        (await served.Client.WriteCallsAsync()).ShouldBeGreaterThan(writesBefore);

        // Our write-back echoes as webhooks from the application user: seen, ignored, never stored.
        OwnChangesIgnored(served.Logs.Lines).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Refresh_WithNoCrmChanges_MakesNoWriteCalls()
    {
        await served.WaitUntilQuietAsync();
        var before = await served.Client.WriteCallsAsync();
        using (var scope = served.App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PipelineJobs>().RefreshAsync("sales", null, CancellationToken.None);
        }

        (await served.Client.WriteCallsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task DuplicateDelivery_IsStoredOnce_AndHasNoSecondEffect()
    {
        await served.WaitUntilQuietAsync();
        // A scored lead whose outputs are in the CRM already and which nobody changed since.
        var lead = (string)(await served.QueryAsync("SELECT record_id FROM outputs WHERE tbl = 'lead' AND written_at IS NOT NULL ORDER BY record_id LIMIT 1"))[0][0]!;
        var operation = Guid.NewGuid();
        var body = Payloads.Dataverse(served.Client.Org.OrganizationId, "lead", lead, operation, SomeUser);
        var writesBefore = await served.Client.WriteCallsAsync();
        var callsBefore = await served.Client.CallsAsync();
        var org = (await served.Store.Connections.GetOrgAsync("sales"))!.Value;
        var recordBefore = await served.Store.Records.GetAsync(org, "lead", lead);
        var historyBefore = await served.Store.Outputs.ReadHistoryAsync(org, "lead", lead);
        var started = DateTimeOffset.UtcNow;

        using var first = await PostDataverseAsync(body, ServedSandbox.WebhookKey);
        using var second = await PostDataverseAsync(body, ServedSandbox.WebhookKey);
        await served.WaitUntilQuietAsync();

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32().ShouldBe(1);
        var again = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        again.GetProperty("accepted").GetInt32().ShouldBe(0);
        again.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE event_key = $k", ("$k", $"dv:{operation:D}"))).ShouldBe(1);
        (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE event_key = $k AND status = 'done'", ("$k", $"dv:{operation:D}"))).ShouldBe(1);

        // The record did not change in the CRM: rescoring it gives the values already written, so nothing is sent.
        var runs = await served.QueryAsync("SELECT job, counts_json FROM job_runs WHERE ended_at >= $t OR ended_at IS NULL ORDER BY started_at", ("$t", started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)));
        (await served.Client.WriteCallsAsync()).ShouldBe(writesBefore, string.Join("; ", runs.Select(r => $"{r[0]} {r[1]}")) + " CHANGED " + await DiffAsync(org, lead, recordBefore!, historyBefore.Count));
    }

    [Fact]
    public async Task EventClaimedByAWorkerThatDied_IsProcessedWhenItsLeaseEnds()
    {
        await served.WaitUntilQuietAsync();
        var org = (await served.Store.Connections.GetOrgAsync("sales"))!.Value;
        var lead = (string)(await served.QueryAsync("SELECT record_id FROM outputs WHERE tbl = 'lead' AND written_at IS NOT NULL ORDER BY record_id DESC LIMIT 1"))[0][0]!;
        var key = $"dv:{Guid.NewGuid():D}";

        // Acknowledged (stored), then claimed by a worker that dies before writing: nothing completes it.
        await served.Store.Events.EnqueueAsync(org, [new Scoring.Storage.RecordEvent(key, "lead", lead, DateTimeOffset.UtcNow)]);
        var now = DateTimeOffset.UtcNow;
        var claimed = await served.Store.Events.ClaimAsync(1000, now, now.AddSeconds(8));
        claimed.ShouldContain(c => c.Event.EventKey == key);

        await served.WaitUntilQuietAsync();

        var row = (await served.QueryAsync("SELECT status, attempts FROM record_events WHERE event_key = $k", ("$k", key))).Single();
        row[0].ShouldBe("done");
        Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(2);
    }

    [Fact]
    public async Task Burst_OfFiveThousandEvents_GetsNo5xx_LosesNone_AndCoalescesPerRecordPerWindow()
    {
        await served.WaitUntilQuietAsync();
        var leads = (await served.QueryAsync("SELECT record_id FROM outputs WHERE tbl = 'lead' AND written_at IS NOT NULL GROUP BY record_id ORDER BY record_id LIMIT 50")).Select(r => (string)r[0]!).ToList();
        var keys = Enumerable.Range(0, 5000).Select(_ => Guid.NewGuid()).ToList();
        var writesBefore = await served.Client.WriteCallsAsync();
        var runsBefore = await served.ScalarAsync("SELECT COUNT(*) FROM job_runs WHERE job = 'score:lead-conversion'");
        var started = DateTimeOffset.UtcNow;

        using var gate = new SemaphoreSlim(64);
        var statuses = await Task.WhenAll(keys.Select(async (key, i) =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await PostDataverseAsync(Payloads.Dataverse(served.Client.Org.OrganizationId, "lead", leads[i % leads.Count], key, SomeUser), ServedSandbox.WebhookKey);
                return (int)response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));
        await served.WaitUntilQuietAsync();
        var elapsed = DateTimeOffset.UtcNow - started;

        statuses.ShouldAllBe(s => s == 200);
        (await served.ScalarAsync($"SELECT COUNT(*) FROM record_events WHERE status = 'done' AND outcome = 'processed' AND event_key IN ({string.Join(",", keys.Select(k => $"'dv:{k:D}'"))})")).ShouldBe(keys.Count);

        // 5,000 events on 50 unchanged records: each worker pass rescores a record once, and passes start at least one
        // coalescing window apart, so there are at most elapsed/window (+1 for the first) scoring passes, far fewer than
        // events; the records did not change in the CRM, so nothing is written (no double write).
        var scoringRuns = await served.ScalarAsync("SELECT COUNT(*) FROM job_runs WHERE job = 'score:lead-conversion'") - runsBefore;
        scoringRuns.ShouldBeGreaterThan(0);
        scoringRuns.ShouldBeLessThanOrEqualTo((long)(elapsed / ServedSandbox.CoalescingWindow) + 1);
        scoringRuns.ShouldBeLessThan(keys.Count / 50);
        (await served.Client.WriteCallsAsync()).ShouldBe(writesBefore);
    }

    [Fact]
    public async Task UnknownOrg_IsRejectedWith403_AndLoggedWithoutValuesOrKeys()
    {
        var stranger = Guid.NewGuid();
        using var response = await PostDataverseAsync(Payloads.Dataverse(stranger, "lead", Guid.NewGuid().ToString(), Guid.NewGuid(), SomeUser), ServedSandbox.WebhookKey);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE org = $o", ("$o", stranger.ToString()))).ShouldBe(0);
        served.Logs.Lines.ShouldContain(l => l.Contains("ALERT", StringComparison.Ordinal) && l.Contains(stranger.ToString(), StringComparison.Ordinal));
        served.Logs.Lines.ShouldNotContain(l => l.Contains("Zanzibar-7731", StringComparison.Ordinal));
        served.Logs.Lines.ShouldNotContain(l => l.Contains(ServedSandbox.WebhookKey, StringComparison.Ordinal) || l.Contains(ServedSandbox.SalesforceKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongKey_IsRejectedWith401_AndNothingIsStored()
    {
        var operation = Guid.NewGuid();
        using var response = await PostDataverseAsync(Payloads.Dataverse(served.Client.Org.OrganizationId, "lead", Guid.NewGuid().ToString(), operation, SomeUser), "not-the-key-at-all");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE event_key = $k", ("$k", $"dv:{operation:D}"))).ShouldBe(0);
    }

    [Theory]
    [InlineData("not json", 400)]
    [InlineData("{\"OrganizationId\":\"x\"}", 400)]
    [InlineData("[1,2]", 400)]
    public async Task BadPayload_Gets4xxWithAReason(string body, int status)
    {
        using var response = await PostDataverseAsync(body, ServedSandbox.WebhookKey);

        ((int)response.StatusCode).ShouldBe(status);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task UnsyncedEntity_IsRejectedWith400()
    {
        using var response = await PostDataverseAsync(Payloads.Dataverse(served.Client.Org.OrganizationId, "invoice", Guid.NewGuid().ToString(), Guid.NewGuid(), SomeUser), ServedSandbox.WebhookKey);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("invoice");
    }

    [Fact]
    public async Task OversizedBody_IsRejectedWith413()
    {
        using var response = await PostDataverseAsync(new string(' ', (1024 * 1024) + 10), ServedSandbox.WebhookKey, expectContinue: true);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task SalesforceOutboundMessage_IsStoredThenAcked_AndDedupedOnNotificationId()
    {
        var body = Payloads.Outbound(ServedSandbox.SalesforceOrg, ("04l1N00000HVEMpQAP", "00Q1N00000bS2eOUAS"), ("04l1N00000HVEMqQAP", "00Q1N00000bS2ePUAS"));

        using var first = await PostSalesforceAsync(body, ServedSandbox.SalesforceKey);
        using var second = await PostSalesforceAsync(body, ServedSandbox.SalesforceKey);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        var ack = System.Xml.Linq.XDocument.Parse(await first.Content.ReadAsStringAsync());
        ack.Descendants(System.Xml.Linq.XName.Get("Ack", "http://soap.sforce.com/2005/09/outbound")).Single().Value.ShouldBe("true");
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE org = $o", ("$o", ServedSandbox.SalesforceOrg))).ShouldBe(2);
    }

    [Fact]
    public async Task SalesforceOutboundMessage_FromAnotherOrgOrWithoutTheUrlSecret_IsRefused()
    {
        using var stranger = await PostSalesforceAsync(Payloads.Outbound("00D000000000001AAA", ("04l1N00000HVEMzQAP", "00Q1N00000bS2eZUAS")), ServedSandbox.SalesforceKey);
        using var keyless = await PostSalesforceAsync(Payloads.Outbound(ServedSandbox.SalesforceOrg, ("04l1N00000HVEMyQAP", "00Q1N00000bS2eYUAS")), null);

        stranger.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        keyless.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE event_key IN ('sf:04l1N00000HVEMzQAP', 'sf:04l1N00000HVEMyQAP')")).ShouldBe(0);
    }

    [Fact]
    public async Task Health_ReportsTheStoreAndPendingEvents()
    {
        using var response = await served.Http.GetAsync(new Uri(served.BaseUrl, "health"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        health.GetProperty("status").GetString().ShouldBe("ok");
        health.GetProperty("schemaVersion").GetInt32().ShouldBe(served.Store.SchemaVersion);
        health.GetProperty("connections").EnumerateArray().Select(c => c.GetString()).ShouldBe(["sales", "sf"], ignoreOrder: true);
    }

    [Fact]
    public async Task Dashboard_FromLoopback_IsServed()
    {
        using var response = await served.Http.GetAsync(new Uri(served.BaseUrl, "hangfire"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> PostDataverseAsync(string body, string key, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(served.BaseUrl, "api/webhooks/dataverse")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", key);

        // With Expect: 100-continue the client waits for the early 413 instead of racing it with the body (a broken pipe otherwise).
        request.Headers.ExpectContinue = expectContinue;
        return await served.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostSalesforceAsync(string body, string? key)
    {
        var url = new Uri(served.BaseUrl, "api/webhooks/salesforce" + (key is null ? string.Empty : $"?code={key}"));
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        return await served.Http.PostAsync(url, content);
    }

    private async Task<string> DiffAsync(Scoring.Records.OrgId org, string lead, Scoring.Records.CrmRecord before, int historyBefore)
    {
        var after = (await served.Store.Records.GetAsync(org, "lead", lead))!;
        var changed = after.Values.Keys.Union(before.Values.Keys).Where(k => !Equals(before[k], after[k])).ToList();
        var history = (await served.Store.Outputs.ReadHistoryAsync(org, "lead", lead)).Skip(historyBefore - 4).Select(h => $"{h.Field}={h.Value}");
        return string.Join(",", changed) + " HISTORY " + string.Join(" | ", history);
    }

    private static bool After(string stored, DateTimeOffset moment) =>
        DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal) >= moment;

    private static int OwnChangesIgnored(IEnumerable<string> lines) =>
        lines.Select(l => OwnChanges().Match(l)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(\d+) own changes ignored")]
    private static partial Regex OwnChanges();
}
