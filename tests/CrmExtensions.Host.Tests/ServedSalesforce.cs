using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CrmExtensions.Host.Jobs;
using CrmExtensions.Sandbox;
using CrmExtensions.Sandbox.Tests;
using CrmExtensions.Scoring.Outputs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Host.Tests;

/// <summary>
/// The in-process sandbox's Salesforce API served by a real host: an outbound message on Lead (Id, Status,
/// LastModifiedById) pointing at the host's Salesforce endpoint with the secret in its URL, a Salesforce connection
/// (client credentials), a first refresh and training run. The host's port is chosen before the sandbox starts,
/// because the outbound message's endpoint URL is part of its definition.
/// </summary>
public sealed class ServedSalesforce : IAsyncLifetime
{
    public const string Key = "sf-outbound-secret-0123456789";
    public const string Connection = "sf";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "crmx-host-sf-tests-" + Guid.NewGuid().ToString("n"));

    internal RunningSandbox Sandbox { get; private set; } = null!;

    internal WebApplication App { get; private set; } = null!;

    internal CapturedLogs Logs { get; } = new();

    internal HttpClient Http { get; } = new();

    /// <summary>Where the host's alerts are posted (the alert sink's incoming webhook).</summary>
    internal WebhookReceiver AlertChannel { get; private set; } = null!;

    internal Uri BaseUrl { get; private set; } = null!;

    /// <summary>The org id and our integration user's id, as the token response's identity URL names them.</summary>
    internal string OrgId { get; private set; } = string.Empty;

    internal string IntegrationUserId { get; private set; } = string.Empty;

    internal string DatabasePath => Path.Combine(_data, "crmx.db");

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = 300, Seed = 11, Orgs = 1,
            Salesforce = new SalesforceSettings
            {
                OutboundMessages = [new OutboundMessageDefinition("Lead", new Uri(BaseUrl, $"api/webhooks/salesforce?code={Key}"), ["Status", "LastModifiedById"])],
                OutboundFirstRetry = TimeSpan.FromSeconds(1),
                OutboundMaxRetryInterval = TimeSpan.FromSeconds(2),
            },
        });
        (OrgId, IntegrationUserId) = await IdentityAsync();
        AlertChannel = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Crmx:Store:DataFolder"] = _data,
            ["Crmx:Host:Urls"] = BaseUrl.ToString().TrimEnd('/'),
            ["Crmx:Host:Schedules:Refresh"] = string.Empty,
            ["Crmx:Host:Schedules:Retrain"] = string.Empty,
            ["Crmx:Host:Events:PollInterval"] = "00:00:00.200",
            ["Crmx:Host:Events:CoalescingWindow"] = "00:00:00.500",
            ["Crmx:Host:Events:Lease"] = "00:00:08",
            ["Crmx:Host:Connections:0:Name"] = Connection,
            ["Crmx:Host:Connections:0:Crm"] = "salesforce",
            ["Crmx:Host:Connections:0:OrganizationId"] = OrgId,
            ["Crmx:Host:Connections:0:WebhookKey"] = Key,
            ["Crmx:Host:Connections:0:OwnUserIds:0"] = IntegrationUserId,
            ["Crmx:Host:Connections:0:Models:0"] = DefaultModels.LeadConversion,
            ["Crmx:Host:Connections:0:Salesforce:LoginUrl"] = Sandbox.Orgs[0].Url.ToString(),
            ["Crmx:Host:Connections:0:Salesforce:ClientId"] = Sandbox.Credentials.ClientId,
            ["Crmx:Host:Connections:0:Salesforce:ClientSecret"] = Sandbox.Credentials.ClientSecret,
            ["Crmx:Host:Connections:0:Salesforce:ApiVersion"] = "62.0",
            ["Crmx:Host:Connections:0:Salesforce:RetryDelay"] = "00:00:00.020",
            ["Crmx:Host:Connections:0:Salesforce:Objects:0"] = "Lead",
            ["Crmx:Host:Connections:0:Salesforce:Objects:1"] = "Task",
            ["Crmx:Alerts:WebhookUrl"] = AlertChannel.Url.ToString(),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        App = await CrmxHost.BuildAsync(configuration, b =>
        {
            b.Logging.AddProvider(Logs);
            b.Logging.SetMinimumLevel(LogLevel.Debug);
        });
        await App.StartAsync();

        using var scope = App.Services.CreateScope();
        var jobs = scope.ServiceProvider.GetRequiredService<PipelineJobs>();
        await jobs.RefreshAsync(Connection, null, CancellationToken.None);
        await jobs.RetrainAsync(Connection, null, CancellationToken.None);
    }

    internal Task<List<object?[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters) => SqliteRows.QueryAsync(DatabasePath, sql, parameters);

    internal async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64((await QueryAsync(sql, parameters))[0][0] ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Salesforce write calls (sObject Collections PATCH) the org has received, from the sandbox's statistics.</summary>
    internal async Task<long> WriteCallsAsync()
    {
        using var stats = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Sandbox.BaseUrl, "_sandbox/stats")));
        return stats.RootElement.TryGetProperty(Sandbox.Orgs[0].Key, out var counters)
            ? counters.GetProperty("calls").EnumerateObject().Where(c => c.Name.StartsWith("SF PATCH", StringComparison.Ordinal)).Sum(c => c.Value.GetInt64())
            : 0;
    }

    /// <summary>Waits until the sandbox has delivered every outbound message it queued and the host has processed every stored event.</summary>
    internal async Task WaitUntilQuietAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        long lastSent = -1;
        while (DateTime.UtcNow < deadline)
        {
            using var stats = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Sandbox.BaseUrl, "_sandbox/stats")));
            var sent = stats.RootElement.TryGetProperty(Sandbox.Orgs[0].Key, out var org) && org.TryGetProperty("eventsSent", out var s) ? s.GetInt64() : 0;
            var pending = await ScalarAsync("SELECT COUNT(*) FROM record_events WHERE status = 'pending'");
            if (sent == lastSent && pending == 0)
            {
                return;
            }

            lastSent = sent;
            await Task.Delay(TimeSpan.FromSeconds(2.5));
        }

        throw new TimeoutException("The sandbox kept sending or the host kept events pending for two minutes.");
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
        await AlertChannel.DisposeAsync();
        Http.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A left-over temp folder is harmless.
        }
    }

    /// <summary>Every row of a SOQL query, read as the integration user (a fresh token, following nextRecordsUrl).</summary>
    internal async Task<List<JsonElement>> SoqlAsync(string soql)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = Sandbox.Credentials.ClientId, ["client_secret"] = Sandbox.Credentials.ClientSecret,
        });
        using var token = await Http.PostAsync(new Uri(Sandbox.Orgs[0].Url.ToString().TrimEnd('/') + "/services/oauth2/token"), form);
        var session = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;
        var instance = session.GetProperty("instance_url").GetString()!.TrimEnd('/');
        var rows = new List<JsonElement>();
        var next = $"/services/data/v62.0/query?q={Uri.EscapeDataString(soql)}";
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance + next));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.GetProperty("access_token").GetString());
            using var response = await Http.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            rows.AddRange(page.GetProperty("records").EnumerateArray().Select(r => r.Clone()));
            next = page.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        }

        return rows;
    }

    private async Task<(string Org, string User)> IdentityAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = Sandbox.Credentials.ClientId, ["client_secret"] = Sandbox.Credentials.ClientSecret,
        });
        using var response = await Http.PostAsync(new Uri(Sandbox.Orgs[0].Url.ToString().TrimEnd('/') + "/services/oauth2/token"), form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var identity = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var parts = identity.TrimEnd('/').Split('/');
        return (parts[^2], parts[^1]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The Salesforce-served sandbox shared by its test classes.</summary>
[CollectionDefinition(Name)]
public sealed class ServedSalesforceGroup : ICollectionFixture<ServedSalesforce>
{
    public const string Name = "served salesforce";
}
