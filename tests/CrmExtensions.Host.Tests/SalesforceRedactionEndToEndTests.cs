using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmExtensions.Host.Jobs;
using CrmExtensions.Jobs.Alerts;
using CrmExtensions.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CrmExtensions.Host.Tests;

/// <summary>
/// <see cref="RedactionEndToEndTests"/> for a Salesforce connection: the host serves a sandbox Salesforce org with faults
/// injected (500 and 503 answers, expired sessions, latency), bad outbound messages carrying customer values, three
/// refreshes, a retrain and a job that fails; every captured log line (every category, Debug and up) and every alert
/// posted is checked for secrets and for the customers' field values, read from the org with SOQL.
/// </summary>
[Collection(ServedSalesforceGroup.Name)]
public sealed partial class SalesforceRedactionEndToEndTests(ServedSalesforce served, ITestOutputHelper output)
{
    [Fact]
    public async Task RunWithFaults_LogsAndAlertsHoldNoSecretAndNoFieldValue()
    {
        var linesBefore = served.Logs.Lines.Count;
        var alertsBefore = served.AlertChannel.Received.Count;
        var values = await CustomerValuesAsync();
        values.Count.ShouldBeGreaterThan(200);
        var leadId = (await served.SoqlAsync("SELECT Id FROM Lead LIMIT 1"))[0].GetProperty("Id").GetString()!;
        try
        {
            await SetFaultsAsync(new FaultSettings { Seed = 4, InternalServerError = 0.1, ServiceUnavailable = 0.05, TokenExpiry = 0.03, Latency = 0.05, LatencyMilliseconds = 50 });
            await served.Sandbox.SimulateAsync(served.Sandbox.Orgs[0].Key, 150);
            await PostBadOutboundMessagesAsync(values[0], leadId);
            using (var scope = served.App.Services.CreateScope())
            {
                var jobs = scope.ServiceProvider.GetRequiredService<PipelineJobs>();
                for (var round = 0; round < 3; round++)
                {
                    await RunAsync(() => jobs.RefreshAsync(ServedSalesforce.Connection, null, CancellationToken.None));
                }

                await RunAsync(() => jobs.RetrainAsync(ServedSalesforce.Connection, null, CancellationToken.None));

                // A job that fails every time: an object the org does not have.
                await RunAsync(() => jobs.SyncAsync(ServedSalesforce.Connection, "crmx_nosuchtable", null, CancellationToken.None));
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await SetFaultsAsync(new FaultSettings());
        }

        var lines = served.Logs.Lines.Skip(linesBefore).ToList();
        var alerts = served.AlertChannel.Received.Skip(alertsBefore).Select(r => r.Body).ToList();
        output.WriteLine($"{lines.Count} log lines, {alerts.Count} alerts, {values.Count} customer values checked");
        foreach (var alert in alerts)
        {
            output.WriteLine(alert);
        }

        // The run must have gone through what it is meant to cover.
        alerts.ShouldContain(a => a.Contains(AlertKinds.JobFailed, StringComparison.Ordinal) && a.Contains("crmx_nosuchtable", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("rejected", StringComparison.OrdinalIgnoreCase));
        lines.Count.ShouldBeGreaterThan(30);
        lines.ShouldContain(l => l.Contains("Synced sf", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("Trained sf", StringComparison.Ordinal));

        var secrets = new[] { served.Sandbox.Credentials.ClientSecret, ServedSalesforce.Key };

        // The control: a line quoting a value posted in a bad outbound message is caught by the same check.
        var control = $"Warning Some.Category: rejected {values[0]}";
        values.ShouldContain(v => control.Contains(v, StringComparison.Ordinal));
        foreach (var text in lines.Concat(alerts))
        {
            foreach (var secret in secrets)
            {
                text.ShouldNotContain(secret, Case.Sensitive, "a secret reached the logs or alerts");
            }

            text.ShouldNotContain("Bearer ", Case.Insensitive);
            text.ShouldNotContain("access_token", Case.Insensitive);
            TokenShaped().IsMatch(text).ShouldBeFalse($"a token-shaped string in: {text}");
            var leaked = values.FirstOrDefault(v => text.Contains(v, StringComparison.Ordinal));
            leaked.ShouldBeNull($"a customer's field value reached the logs or alerts: {text}");
        }
    }

    private static async Task RunAsync(Func<Task> job)
    {
        try
        {
            await job();
        }
        catch (Exception failure) when (failure is InvalidOperationException or HttpRequestException or IOException)
        {
            // Hangfire would retry it; what matters here is what it logged and alerted.
        }
    }

    private async Task PostBadOutboundMessagesAsync(string someValue, string leadId)
    {
        string[] bodies =
        [
            "<soapenv:Envelope><not-closed>" + someValue,
            Envelope(served.OrgId, leadId, "Lead", someValue).Replace("<Notification>", "<Notification><Broken>", StringComparison.Ordinal),
            Envelope("00D000000000999EAA", leadId, "Lead", someValue),
            Envelope(served.OrgId, "not-an-id-" + someValue, "Lead", someValue),
            Envelope(served.OrgId, leadId, "CrmxSecretStuff__c", someValue),
            Envelope(served.OrgId, leadId, "Lead", someValue),
        ];
        foreach (var (body, index) in bodies.Select((b, i) => (b, i)))
        {
            // The last one is valid but carries the wrong key.
            var key = index == bodies.Length - 1 ? "wrong-" + ServedSalesforce.Key : ServedSalesforce.Key;
            using var content = new StringContent(body, Encoding.UTF8, "text/xml");
            using var response = await served.Http.PostAsync(new Uri(served.BaseUrl, $"api/webhooks/salesforce?code={Uri.EscapeDataString(key)}"), content);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain(someValue);
        }
    }

    private async Task<List<string>> CustomerValuesAsync()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in await served.SoqlAsync("SELECT FirstName, LastName, Email, Phone, Company FROM Lead"))
        {
            if (row.TryGetProperty("FirstName", out var first) && first.ValueKind == JsonValueKind.String && row.TryGetProperty("LastName", out var last))
            {
                values.Add($"{first.GetString()} {last.GetString()}");
            }

            AddLong(values, row, "FirstName", "LastName", "Email", "Phone", "Company");
        }

        foreach (var row in await served.SoqlAsync("SELECT Subject FROM Task"))
        {
            AddLong(values, row, "Subject");
        }

        return [.. values];
    }

    // Short values ("Mr", "Call", a digit) could match any text; six characters and up are specific.
    private static void AddLong(HashSet<string> values, JsonElement row, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length >= 6)
            {
                values.Add(value.GetString()!.Trim());
            }
        }
    }

    private static string Envelope(string org, string recordId, string type, string value) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>{org}</OrganizationId>
           <ActionId>04k1N0000008pXOQAY</ActionId>
           <SessionId xsi:nil="true"/>
           <Notification>
            <Id>04l1N00000{Random.Shared.Next(10_000_000, 99_999_999)}</Id>
            <sObject xsi:type="sf:{type}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
             <sf:Id>{recordId}</sf:Id>
             <sf:Company>{value}</sf:Company>
             <sf:LastName>{value}</sf:LastName>
            </sObject>
           </Notification>
          </notifications>
         </soapenv:Body>
        </soapenv:Envelope>
        """;

    private async Task SetFaultsAsync(FaultSettings faults)
    {
        using var content = new StringContent(JsonSerializer.Serialize(faults, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        using var response = await served.Http.PutAsync(new Uri(served.Sandbox.BaseUrl, "_sandbox/faults"), content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // A session id of the sandbox or a JWT: 40+ characters of the base64url alphabet (Salesforce ids are 15 or 18).
    [GeneratedRegex("[A-Za-z0-9_-]{40,}")]
    private static partial Regex TokenShaped();
}
