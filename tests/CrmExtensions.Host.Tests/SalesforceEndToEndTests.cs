using System.Globalization;
using System.Net;
using System.Text;
using CrmExtensions.Host.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CrmExtensions.Host.Tests;

/// <summary>Salesforce outbound messages from the sandbox through the host: stored, acknowledged, rescored with the Salesforce connector, written back.</summary>
[Collection(ServedSalesforceGroup.Name)]
public sealed class SalesforceEndToEndTests(ServedSalesforce served)
{
    [Fact]
    public async Task SandboxUserEdits_ArriveAsOutboundMessages_AreRescoredAndWrittenBack_AndTheEchoLoopEnds()
    {
        await served.WaitUntilQuietAsync();
        var eventsBefore = await served.ScalarAsync("SELECT COUNT(*) FROM record_events");
        var writesBefore = await served.WriteCallsAsync();
        var simulationStart = DateTimeOffset.UtcNow;

        var (_, updated, _) = await served.Sandbox.SimulateAsync(served.Sandbox.Orgs[0].Key, 80);
        await served.WaitUntilQuietAsync();

        updated.ShouldBeGreaterThan(0);
        var events = await served.QueryAsync("SELECT record_id, status, outcome, entity, event_key FROM record_events ORDER BY received_at");
        (events.Count - eventsBefore).ShouldBeGreaterThan(0, "the sandbox's user edits of leads arrived as outbound messages and were stored");
        events.ShouldAllBe(e => (string)e[1]! == "done" && (string)e[2]! == "processed", "every stored Salesforce event was processed, none left waiting");
        events.ShouldAllBe(e => (string)e[3]! == "Lead" && ((string)e[4]!).StartsWith("sf:04l", StringComparison.Ordinal));

        // Every open lead an event named was rescored after the edits; what moved materially was written to Salesforce.
        var leads = events.Skip((int)eventsBefore).Select(e => (string)e[0]!).Distinct(StringComparer.Ordinal).ToList();
        var org = (await served.App.Services.GetRequiredService<Store.CrmStore>().Connections.GetOrgAsync(ServedSalesforce.Connection))!.Value;
        var records = served.App.Services.GetRequiredService<Store.CrmStore>().Records;
        int open = 0, rescored = 0, written = 0;
        foreach (var lead in leads)
        {
            var record = await records.GetAsync(org, "Lead", lead);
            record.ShouldNotBeNull($"lead {lead} named by an outbound message was synced");
            if (record.Deleted || record["Status"]?.ToString() is { } status && status.StartsWith("Closed", StringComparison.Ordinal))
            {
                continue;
            }

            open++;
            var outputs = await served.QueryAsync("SELECT field, produced_at, written_at FROM outputs WHERE tbl = 'Lead' AND record_id = $id", ("$id", lead));
            outputs.Count.ShouldBeGreaterThan(0, $"lead {lead} has outputs");
            rescored += outputs.Any(o => After((string)o[1]!, simulationStart)) ? 1 : 0;
            written += outputs.Any(o => o[2] is string at && After(at, simulationStart)) ? 1 : 0;
        }

        open.ShouldBeGreaterThan(0);
        rescored.ShouldBeGreaterThan(0, "open leads named by outbound messages were rescored after the edits");
        written.ShouldBeGreaterThan(0, "material changes of rescored leads were written back");
        (await served.WriteCallsAsync()).ShouldBeGreaterThan(writesBefore);

        // The sandbox's Lead serves no LastModifiedById, so our write-backs echo as ordinary outbound messages: they are
        // stored and rescored, reproduce what was written, and write nothing, so the loop ends (the next test covers the
        // identity guard). Quiet twice in a row with no write in between proves it.
        var writesAfter = await served.WriteCallsAsync();
        await served.WaitUntilQuietAsync();
        (await served.WriteCallsAsync()).ShouldBe(writesAfter);
        served.Logs.Lines.ShouldNotContain(l => l.Contains(ServedSalesforce.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutboundMessage_CausedByOurIntegrationUser_IsAckedButNotStored()
    {
        await served.WaitUntilQuietAsync();
        var lead = (string)(await served.QueryAsync("SELECT record_id FROM outputs WHERE tbl = 'Lead' ORDER BY record_id DESC LIMIT 1"))[0][0]!;
        var notification = "04l0g" + Guid.NewGuid().ToString("n")[..10];
        var body = Payloads.Outbound(served.OrgId, (notification, lead))
            .Replace("<sf:Company>", $"<sf:LastModifiedById>{served.IntegrationUserId}</sf:LastModifiedById>\n     <sf:Company>", StringComparison.Ordinal);

        using var response = await PostAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<Ack>true</Ack>");
        (await served.ScalarAsync("SELECT COUNT(*) FROM record_events WHERE event_key = $k", ("$k", $"sf:{notification}"))).ShouldBe(0);
    }

    [Fact]
    public async Task RedeliveredOutboundMessage_IsStoredOnce_AndWritesNothing()
    {
        await served.WaitUntilQuietAsync();
        var lead = (string)(await served.QueryAsync("SELECT record_id FROM outputs WHERE tbl = 'Lead' AND written_at IS NOT NULL ORDER BY record_id LIMIT 1"))[0][0]!;
        var notification = "04l0g" + Guid.NewGuid().ToString("n")[..10];
        var body = Payloads.Outbound(served.OrgId, (notification, lead));
        var writesBefore = await served.WriteCallsAsync();

        using var first = await PostAsync(body);
        using var second = await PostAsync(body);
        await served.WaitUntilQuietAsync();

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).ShouldContain("<Ack>true</Ack>");
        var rows = await served.QueryAsync("SELECT status, outcome FROM record_events WHERE event_key = $k", ("$k", $"sf:{notification}"));
        rows.Count.ShouldBe(1);
        rows[0][0].ShouldBe("done");

        // Nothing changed in Salesforce: the rescore reproduces what was written, so nothing is sent.
        (await served.WriteCallsAsync()).ShouldBe(writesBefore);
    }

    [Fact]
    public async Task Refresh_WithNoCrmChanges_MakesNoWriteCalls()
    {
        await served.WaitUntilQuietAsync();
        var before = await served.WriteCallsAsync();
        using (var scope = served.App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PipelineJobs>().RefreshAsync(ServedSalesforce.Connection, null, CancellationToken.None);
        }

        (await served.WriteCallsAsync()).ShouldBe(before);
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        return await served.Http.PostAsync(new Uri(served.BaseUrl, $"api/webhooks/salesforce?code={ServedSalesforce.Key}"), content);
    }

    private static bool After(string stored, DateTimeOffset moment) =>
        DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) >= moment;
}
