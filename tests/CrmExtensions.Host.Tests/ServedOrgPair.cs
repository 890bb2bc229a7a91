using CrmExtensions.Host.Jobs;
using CrmExtensions.Sandbox;
using CrmExtensions.Sandbox.Tests;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Host.Tests;

/// <summary>
/// Two sandbox orgs generated from the same data, so they share record ids: <c>org1</c> plays production, <c>org2</c>
/// its UAT copy. A real host serves the UAT copy only (its connection "uat"), with every log line of every category
/// captured and alerts posted to a real incoming-webhook receiver. Output columns exist in both orgs, so a misrouted
/// write would land.
/// </summary>
public sealed class ServedOrgPair : IAsyncLifetime
{
    public const string WebhookKey = "uat-webhook-key-5b0c4e7d1f";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "crmx-orgpair-" + Guid.NewGuid().ToString("n"));

    internal RunningSandbox Sandbox { get; private set; } = null!;

    internal SandboxClient Production { get; private set; } = null!;

    internal SandboxClient Uat { get; private set; } = null!;

    internal WebApplication App { get; private set; } = null!;

    internal CapturedLogs Logs { get; } = new();

    internal WebhookReceiver AlertChannel { get; private set; } = null!;

    internal HttpClient Http { get; } = new();

    internal Uri BaseUrl { get; private set; } = null!;

    internal string DatabasePath => Path.Combine(_data, "crmx.db");

    internal CrmStore Store => App.Services.GetRequiredService<CrmStore>();

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 13, Orgs = 2 });
        Production = await SandboxClient.ConnectAsync(Sandbox, 0);
        Uat = await SandboxClient.ConnectAsync(Sandbox, 1);
        await SandboxSetup.InstallColumnsAsync(Production, DefaultModels.LeadConversion, "lead");
        await SandboxSetup.InstallColumnsAsync(Uat, DefaultModels.LeadConversion, "lead");
        AlertChannel = await WebhookReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        App = await CrmxHost.BuildAsync(configuration, b =>
        {
            b.Logging.AddProvider(Logs);
            b.Logging.SetMinimumLevel(LogLevel.Debug);
        });
        await App.StartAsync();
        BaseUrl = new Uri(App.Urls.Single().TrimEnd('/') + "/");
        using (var scope = App.Services.CreateScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<PipelineJobs>();
            await jobs.RefreshAsync("uat", null, CancellationToken.None);
            await jobs.RetrainAsync("uat", null, CancellationToken.None);
        }

        await SandboxSetup.RegisterWebhookAsync(Uat, new Uri(BaseUrl, "api/webhooks/dataverse"), WebhookKey, "lead");
    }

    /// <summary>The UAT connection's settings (as a deployment would hold them).</summary>
    internal Dictionary<string, string?> Settings() => new()
    {
        ["Crmx:Store:DataFolder"] = _data,
        ["Crmx:Host:Urls"] = "http://127.0.0.1:0",
        ["Crmx:Host:Schedules:Refresh"] = string.Empty,
        ["Crmx:Host:Schedules:Retrain"] = string.Empty,
        ["Crmx:Host:Events:PollInterval"] = "00:00:00.200",
        ["Crmx:Host:Events:CoalescingWindow"] = "00:00:01",
        ["Crmx:Host:Connections:0:Name"] = "uat",
        ["Crmx:Host:Connections:0:Crm"] = "dataverse",
        ["Crmx:Host:Connections:0:OrganizationId"] = Uat.Org.OrganizationId.ToString(),
        ["Crmx:Host:Connections:0:WebhookKey"] = WebhookKey,
        ["Crmx:Host:Connections:0:OwnUserIds:0"] = Uat.Org.ApplicationUserId.ToString(),
        ["Crmx:Host:Connections:0:Models:0"] = DefaultModels.LeadConversion,
        ["Crmx:Host:Connections:0:Dataverse:EnvironmentUrl"] = Uat.Org.Url.ToString(),
        ["Crmx:Host:Connections:0:Dataverse:Authority"] = Sandbox.Credentials.Authority.ToString(),
        ["Crmx:Host:Connections:0:Dataverse:ClientId"] = Sandbox.Credentials.ClientId,
        ["Crmx:Host:Connections:0:Dataverse:ClientSecret"] = Sandbox.Credentials.ClientSecret,
        ["Crmx:Host:Connections:0:Dataverse:ClientSecretExpiresOn"] = DateTimeOffset.UtcNow.AddDays(12).ToString("O"),
        ["Crmx:Host:Connections:0:Dataverse:MaxRetries"] = "2",
        ["Crmx:Host:Connections:0:Dataverse:RetryDelay"] = "00:00:00.050",
        ["Crmx:Host:Connections:0:Dataverse:Tables:0"] = "lead",
        ["Crmx:Host:Connections:0:Dataverse:Tables:1"] = "task",
        ["Crmx:Host:Connections:0:Dataverse:Tables:2"] = "phonecall",
        ["Crmx:Host:Connections:0:Dataverse:Tables:3"] = "email",
        ["Crmx:Alerts:WebhookUrl"] = AlertChannel.Url.ToString(),
    };

    /// <summary>Every alert text the channel received.</summary>
    internal IReadOnlyList<string> AlertTexts => [.. AlertChannel.Received.Select(r => r.Body)];

    internal Task<List<object?[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters) =>
        SqliteRows.QueryAsync(DatabasePath, sql, parameters);

    internal async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64((await QueryAsync(sql, parameters))[0][0] ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await AlertChannel.DisposeAsync();
        await Sandbox.DisposeAsync();
        Production.Dispose();
        Uat.Dispose();
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
