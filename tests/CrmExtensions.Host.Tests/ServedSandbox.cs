using CrmExtensions.Host.Jobs;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Host.Tests;

/// <summary>
/// The in-process sandbox served by a real host (Kestrel on a free port, SQLite store, in-memory Hangfire): output
/// columns installed, a first sync and training run, and a webhook registered that points at the host.
/// </summary>
public sealed class ServedSandbox : IAsyncLifetime
{
    public const string WebhookKey = "test-webhook-key-0123456789";
    public const string SalesforceOrg = "00Do0000000e0vQEAQ";
    public const string SalesforceKey = "sf-outbound-key-0123456789";

    /// <summary>The event worker's coalescing window in these tests.</summary>
    public static readonly TimeSpan CoalescingWindow = TimeSpan.FromSeconds(1);

    private readonly string _data = Path.Combine(Path.GetTempPath(), "crmx-host-tests-" + Guid.NewGuid().ToString("n"));
    private readonly int _scale;

    public ServedSandbox()
        : this(scale: 300)
    {
    }

    /// <param name="scale">Leads in the sandbox (about one in ten is open).</param>
    internal ServedSandbox(int scale) => _scale = scale;

    internal RunningSandbox Sandbox { get; private set; } = null!;

    internal SandboxClient Client { get; private set; } = null!;

    internal WebApplication App { get; private set; } = null!;

    internal CapturedLogs Logs { get; } = new();

    internal HttpClient Http { get; } = new();

    internal Uri BaseUrl { get; private set; } = null!;

    internal string DatabasePath => Path.Combine(_data, "crmx.db");

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = _scale, Seed = 7 });
        Client = await SandboxClient.ConnectAsync(Sandbox);
        await SandboxSetup.InstallColumnsAsync(Client, DefaultModels.LeadConversion, "lead");
        var org = Client.Org;
        var settings = new Dictionary<string, string?>
        {
            ["Crmx:Store:DataFolder"] = _data,
            ["Crmx:Host:Urls"] = "http://127.0.0.1:0",
            ["Crmx:Host:Schedules:Refresh"] = string.Empty,
            ["Crmx:Host:Schedules:Retrain"] = string.Empty,
            ["Crmx:Host:Events:PollInterval"] = "00:00:00.200",
            ["Crmx:Host:Events:Lease"] = "00:00:08",
            ["Crmx:Host:Events:CoalescingWindow"] = CoalescingWindow.ToString(),
            ["Crmx:Host:Connections:0:Name"] = "sales",
            ["Crmx:Host:Connections:0:Crm"] = "dataverse",
            ["Crmx:Host:Connections:0:OrganizationId"] = org.OrganizationId.ToString(),
            ["Crmx:Host:Connections:0:WebhookKey"] = WebhookKey,
            ["Crmx:Host:Connections:0:OwnUserIds:0"] = org.ApplicationUserId.ToString(),
            ["Crmx:Host:Connections:0:Models:0"] = DefaultModels.LeadConversion,
            ["Crmx:Host:Connections:0:Dataverse:EnvironmentUrl"] = org.Url.ToString(),
            ["Crmx:Host:Connections:0:Dataverse:Authority"] = Sandbox.Credentials.Authority.ToString(),
            ["Crmx:Host:Connections:0:Dataverse:ClientId"] = Sandbox.Credentials.ClientId,
            ["Crmx:Host:Connections:0:Dataverse:ClientSecret"] = Sandbox.Credentials.ClientSecret,
            ["Crmx:Host:Connections:0:Dataverse:Tables:0"] = "lead",
            ["Crmx:Host:Connections:0:Dataverse:Tables:1"] = "task",
            ["Crmx:Host:Connections:0:Dataverse:Tables:2"] = "phonecall",
            ["Crmx:Host:Connections:0:Dataverse:Tables:3"] = "email",
            ["Crmx:Host:Connections:1:Name"] = "sf",
            ["Crmx:Host:Connections:1:Crm"] = "salesforce",
            ["Crmx:Host:Connections:1:OrganizationId"] = SalesforceOrg,
            ["Crmx:Host:Connections:1:WebhookKey"] = SalesforceKey,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        App = await CrmxHost.BuildAsync(configuration, b => b.Logging.AddProvider(Logs));
        await App.StartAsync();
        BaseUrl = new Uri(App.Urls.Single().TrimEnd('/') + "/");

        // First sync, training and scoring, as the recurring jobs would do them.
        using (var scope = App.Services.CreateScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<PipelineJobs>();
            await jobs.RefreshAsync("sales", null, CancellationToken.None);
            await jobs.RetrainAsync("sales", null, CancellationToken.None);
        }

        // With a post image of every column: the worker scores edits from the image, without reading the CRM.
        await SandboxSetup.RegisterWebhookAsync(Client, new Uri(BaseUrl, "api/webhooks/dataverse"), WebhookKey, "lead", imageColumns: string.Empty);
    }

    internal CrmStore Store => App.Services.GetRequiredService<CrmStore>();

    /// <summary>Reads the store's SQLite file directly (the tests check rows no interface lists).</summary>
    internal Task<List<object?[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters) =>
        SqliteRows.QueryAsync(DatabasePath, sql, parameters);

    internal async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64((await QueryAsync(sql, parameters))[0][0] ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until the sandbox has delivered every webhook it queued and the host has processed every stored event.</summary>
    internal async Task WaitUntilQuietAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        long lastSent = -1;
        while (DateTime.UtcNow < deadline)
        {
            var sent = await EventsSentAsync();
            // The Salesforce connection here has no Salesforce settings, so its events stay pending: only this org's events count.
            var pending = await ScalarAsync("SELECT COUNT(*) FROM record_events WHERE status = 'pending' AND org = $org", ("$org", Client.Org.OrganizationId.ToString()));
            if (sent == lastSent && pending == 0)
            {
                return;
            }

            lastSent = sent;
            await Task.Delay(700);
        }

        throw new TimeoutException("The sandbox kept sending or the host kept events pending for two minutes.");
    }

    private async Task<long> EventsSentAsync()
    {
        using var stats = System.Text.Json.JsonDocument.Parse(await Http.GetStringAsync(new Uri(Sandbox.BaseUrl, "_sandbox/stats")));
        return stats.RootElement.TryGetProperty(Client.Org.Key, out var org) && org.TryGetProperty("eventsSent", out var sent) ? sent.GetInt64() : 0;
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
        Client.Dispose();
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
}
