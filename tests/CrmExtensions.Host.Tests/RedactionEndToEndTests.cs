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
/// Runs the host against the sandbox with faults injected — 5xx, cut-off pages, expired tokens, failing batch items,
/// bad webhook bodies, a failing job — and checks every captured log line (every category, Debug and up) and every
/// alert sent for secrets and for the customers' field values, taken from the sandbox's own records.
/// </summary>
[Collection(ServedOrgPairGroup.Name)]
public sealed partial class RedactionEndToEndTests(ServedOrgPair pair, ITestOutputHelper output)
{
    private static readonly Guid SomeUser = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    // Personal and free-text columns of the tables the host syncs (dataverse.md §3 lists their types).
    private static readonly Dictionary<string, string[]> ValueColumns = new()
    {
        ["leads"] = ["firstname", "lastname", "emailaddress1", "telephone1", "companyname", "subject"],
        ["tasks"] = ["subject"],
        ["phonecalls"] = ["subject"],
        ["emails"] = ["subject"],
    };

    [Fact]
    public async Task RunWithFaults_LogsAndAlertsHoldNoSecretAndNoFieldValue()
    {
        var linesBefore = pair.Logs.Lines.Count;
        var alertsBefore = pair.AlertChannel.Received.Count;
        var values = await CustomerValuesAsync();
        values.Count.ShouldBeGreaterThan(200);
        try
        {
            await SetFaultsAsync(new FaultSettings
            {
                Seed = 3, InternalServerError = 0.1, ServiceUnavailable = 0.05, ConnectionReset = 0.05, TokenExpiry = 0.05,
                DeltaTokenExpiry = 0.5, BatchItemFailure = 0.3,
            });
            await pair.Sandbox.SimulateAsync(pair.Uat.Org.Key, 150);
            await PostBadWebhooksAsync(values);
            using (var scope = pair.App.Services.CreateScope())
            {
                var jobs = scope.ServiceProvider.GetRequiredService<PipelineJobs>();
                for (var round = 0; round < 3; round++)
                {
                    await RunAsync(() => jobs.RefreshAsync("uat", null, CancellationToken.None));
                }

                await RunAsync(() => jobs.RetrainAsync("uat", null, CancellationToken.None));

                // A job that fails every time: a table the org does not have.
                await RunAsync(() => jobs.SyncAsync("uat", "crmx_nosuchtable", null, CancellationToken.None));
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await SetFaultsAsync(new FaultSettings());
        }

        var lines = pair.Logs.Lines.Skip(linesBefore).ToList();
        var alerts = pair.AlertChannel.Received.Skip(alertsBefore).Select(r => r.Body).ToList();
        output.WriteLine($"{lines.Count} log lines, {alerts.Count} alerts, {values.Count} customer values checked");
        foreach (var alert in alerts)
        {
            output.WriteLine(alert);
        }

        // The run must have gone through the faults it is meant to cover.
        alerts.ShouldContain(a => a.Contains(AlertKinds.JobFailed, StringComparison.Ordinal) && a.Contains("crmx_nosuchtable", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("rejected", StringComparison.Ordinal));
        lines.Count.ShouldBeGreaterThan(50);

        var secrets = new[] { pair.Sandbox.Credentials.ClientSecret, ServedOrgPair.WebhookKey };

        // The control: a line quoting a value posted in a bad webhook body is caught by the same check.
        var control = $"Warning Some.Category: rejected {values[0]}";
        values.ShouldContain(v => control.Contains(v, StringComparison.Ordinal));
        var everything = lines.Concat(alerts).ToList();
        foreach (var text in everything)
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

    private async Task PostBadWebhooksAsync(List<string> values)
    {
        var someValue = values[0];
        var leadId = (await pair.Uat.GetJsonAsync("leads?$select=leadid&$top=1")).GetProperty("value")[0].GetProperty("leadid").GetString()!;
        var uat = pair.Uat.Org.OrganizationId;
        string[] bodies =
        [
            "{ not json " + someValue,
            JsonSerializer.Serialize(new { OrganizationId = uat, PrimaryEntityName = "lead", Note = someValue }),
            Payloads.Dataverse(uat, "lead", someValue, Guid.NewGuid(), SomeUser, someValue),
            Payloads.Dataverse(uat, "crmx_secretstuff", leadId, Guid.NewGuid(), SomeUser, someValue),
            Payloads.Dataverse(pair.Production.Org.OrganizationId, "lead", leadId, Guid.NewGuid(), SomeUser, someValue),
            Payloads.Dataverse(uat, "lead", leadId, Guid.NewGuid(), SomeUser, someValue),
        ];
        foreach (var (body, index) in bodies.Select((b, i) => (b, i)))
        {
            // The last one is valid but carries the wrong key.
            var key = index == bodies.Length - 1 ? "wrong-" + ServedOrgPair.WebhookKey : ServedOrgPair.WebhookKey;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(pair.BaseUrl, $"api/webhooks/dataverse?code={Uri.EscapeDataString(key)}"))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using var response = await pair.Http.SendAsync(request);
            ((int)response.StatusCode).ShouldBeGreaterThanOrEqualTo(400, body);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain(someValue);
        }
    }

    private async Task<List<string>> CustomerValuesAsync()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var client in new[] { pair.Uat, pair.Production })
        {
            foreach (var (set, columns) in ValueColumns)
            {
                var json = await client.GetJsonAsync($"{set}?$select={string.Join(',', columns)}");
                foreach (var row in json.GetProperty("value").EnumerateArray())
                {
                    if (row.TryGetProperty("firstname", out var first) && row.TryGetProperty("lastname", out var last))
                    {
                        values.Add($"{first.GetString()} {last.GetString()}");
                    }

                    foreach (var column in columns)
                    {
                        // Short values ("Mr", "Call", a digit) could match any text; six characters and up are specific.
                        if (row.TryGetProperty(column, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length >= 6)
                        {
                            values.Add(value.GetString()!.Trim());
                        }
                    }
                }
            }
        }

        return [.. values];
    }

    private async Task SetFaultsAsync(FaultSettings faults)
    {
        using var content = new StringContent(JsonSerializer.Serialize(faults, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        using var response = await pair.Http.PutAsync(new Uri(pair.Sandbox.BaseUrl, "_sandbox/faults"), content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // An access token of the sandbox (32 random bytes, base64url) or a JWT: 40+ characters of the base64url alphabet.
    [GeneratedRegex("[A-Za-z0-9_-]{40,}")]
    private static partial Regex TokenShaped();
}
