using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CrmExtensions.Host.Jobs;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmExtensions.Host.Tests;

/// <summary>
/// <c>crmx serve</c> as a child process with a SQLite store: sandbox user edits arrive as webhooks, the process is
/// SIGKILLed while its worker holds claimed events, then started again. Every stored event ends processed, the CRM
/// holds what the store says was written, and a refresh afterwards writes nothing.
/// </summary>
public sealed class ServeCrashTests : IAsyncLifetime
{
    private const string Key = "crash-webhook-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-serve-crash-").FullName;
    private RunningSandbox _sandbox = null!;
    private SandboxClient _client = null!;
    private Uri _url = null!;
    private string _config = string.Empty;

    private string Database => Path.Combine(_folder, "crmx.db");

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 5 });
        _client = await SandboxClient.ConnectAsync(_sandbox);
        await SandboxSetup.InstallColumnsAsync(_client, DefaultModels.LeadConversion, "lead");
        _url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var org = _client.Org;
        var connection = new Dictionary<string, object>
        {
            ["Name"] = "sales", ["Crm"] = "dataverse", ["OrganizationId"] = org.OrganizationId.ToString(), ["WebhookKey"] = Key,
            ["OwnUserIds"] = new[] { org.ApplicationUserId.ToString() }, ["Models"] = new[] { DefaultModels.LeadConversion },
            ["Dataverse"] = new Dictionary<string, object>
            {
                ["EnvironmentUrl"] = org.Url.ToString(), ["Authority"] = _sandbox.Credentials.Authority.ToString(),
                ["ClientId"] = _sandbox.Credentials.ClientId, ["ClientSecret"] = _sandbox.Credentials.ClientSecret,
                ["Tables"] = new[] { "lead", "task", "phonecall", "email" },
            },
        };
        _config = Path.Combine(_folder, "crmx.json");
        await File.WriteAllTextAsync(_config, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Crmx"] = new Dictionary<string, object>
            {
                ["Host"] = new Dictionary<string, object>
                {
                    ["Urls"] = _url.ToString().TrimEnd('/'),
                    ["Schedules"] = new Dictionary<string, object> { ["Refresh"] = string.Empty, ["Retrain"] = string.Empty },
                    ["Dashboard"] = new Dictionary<string, object> { ["Enabled"] = false },
                    ["Events"] = new Dictionary<string, object> { ["PollInterval"] = "00:00:00.200", ["Lease"] = "00:00:03", ["CoalescingWindow"] = "00:00:00.200", ["BatchSize"] = 5 },
                    ["Connections"] = new[] { connection },
                },
            },
        }));

        // First sync and training in-process, on the same store, as the recurring jobs would have done them.
        var configuration = new ConfigurationBuilder().AddJsonFile(_config)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Crmx:Store:DataFolder"] = _folder, ["Crmx:Host:Urls"] = "http://127.0.0.1:0", ["Crmx:Host:Events:Worker"] = "false" })
            .Build();
        await using (var app = await CrmxHost.BuildAsync(configuration))
        {
            await app.StartAsync();
            using (var scope = app.Services.CreateScope())
            {
                var jobs = scope.ServiceProvider.GetRequiredService<PipelineJobs>();
                await jobs.RefreshAsync("sales", null, CancellationToken.None);
                await jobs.RetrainAsync("sales", null, CancellationToken.None);
            }

            await app.StopAsync();
        }

        SqliteConnection.ClearAllPools();
        await SandboxSetup.RegisterWebhookAsync(_client, new Uri(_url, "api/webhooks/dataverse"), Key, "lead");
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _client.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A left-over temp folder is harmless.
        }
    }

    [Fact]
    public async Task Serve_KilledWhileProcessing_CompletesEveryEventAfterRestart_WithNothingLostOrWrittenTwice()
    {
        using var http = new HttpClient();
        var first = await StartAsync(http);
        var killedHolding = 0L;
        try
        {
            await _sandbox.SimulateAsync(_client.Org.Key, 120);

            // Kill as soon as the worker holds claimed events it has not completed (batches of 5, so later ones wait too).
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (DateTime.UtcNow < deadline && killedHolding == 0)
            {
                killedHolding = await ScalarAsync("SELECT COUNT(*) FROM record_events WHERE status = 'pending' AND lease_until IS NOT NULL");
                if (killedHolding == 0)
                {
                    await Task.Delay(10);
                }
            }

            killedHolding.ShouldBeGreaterThan(0, "the worker claimed events before the deadline");
        }
        finally
        {
            first.Kill();
            await first.WaitForExitAsync();
            first.Dispose();
        }

        var leasedAtKill = await ScalarAsync("SELECT COUNT(*) FROM record_events WHERE status = 'pending' AND lease_until IS NOT NULL");
        leasedAtKill.ShouldBeGreaterThan(0, "the kill left claimed, unfinished events");

        using var second = await StartAsync(http);
        try
        {
            await WaitUntilQuietAsync(http);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }

        // No lost event: every stored event is processed; the ones the killed worker held were claimed again.
        (await ScalarAsync("SELECT COUNT(*) FROM record_events WHERE status <> 'done' OR outcome <> 'processed'")).ShouldBe(0);
        (await ScalarAsync("SELECT COUNT(*) FROM record_events WHERE attempts >= 2")).ShouldBeGreaterThan(0);

        // Exactly once in effect: redone scoring stored no output value twice in a row (only changes are stored)...
        (await ScalarAsync("""
            SELECT COUNT(*) FROM (
                SELECT value_json, LAG(value_json) OVER (PARTITION BY org, tbl, record_id, field ORDER BY produced_at) AS previous
                FROM output_history) WHERE value_json IS previous
            """)).ShouldBe(0);

        // ...and the CRM holds what the store says was written (a write lost with the killed process would differ).
        var crm = new Dictionary<string, double?>(StringComparer.OrdinalIgnoreCase);
        foreach (var lead in (await _client.GetJsonAsync("leads?$select=leadid,crmx_score")).GetProperty("value").EnumerateArray())
        {
            crm[lead.GetProperty("leadid").GetString()!] = lead.GetProperty("crmx_score").ValueKind == JsonValueKind.Number ? lead.GetProperty("crmx_score").GetDouble() : null;
        }

        await using var store = await Store.CrmStore.OpenAsync(new Store.StoreOptions { DataFolder = _folder });
        var org = (await store.Connections.GetOrgAsync("sales"))!.Value;
        var written = 0;
        await foreach (var output in store.Outputs.ReadAsync(org, "lead"))
        {
            if (output.Field == "crmx_score" && output.WrittenAt is not null)
            {
                written++;
                crm[output.RecordId].ShouldBe((output.WrittenValue as Scoring.Records.NumberValue)?.Value, $"lead {output.RecordId}");
            }
        }

        written.ShouldBeGreaterThan(0);
    }

    private async Task<Process> StartAsync(HttpClient http)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // Logs go to stdout (inherited); stderr carries only a failure's one-line reason, read when the child exits early.
            RedirectStandardOutput = false,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { CrmxPath(), "serve", "--config", _config, "--data", _folder },
        };
        var process = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"crmx serve exited with {process.ExitCode} before answering /health: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var health = await http.GetAsync(new Uri(_url, "health"));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        process.Kill();
        throw new TimeoutException("crmx serve did not answer /health within a minute.");
    }

    private async Task WaitUntilQuietAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        long lastSent = -1;
        while (DateTime.UtcNow < deadline)
        {
            using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(_sandbox.BaseUrl, "_sandbox/stats")));
            var sent = stats.RootElement.TryGetProperty(_client.Org.Key, out var org) && org.TryGetProperty("eventsSent", out var s) ? s.GetInt64() : 0;
            var pending = await ScalarAsync("SELECT COUNT(*) FROM record_events WHERE status = 'pending'");
            if (sent == lastSent && pending == 0)
            {
                return;
            }

            lastSent = sent;
            await Task.Delay(1500);
        }

        throw new TimeoutException("The sandbox kept sending or the restarted host kept events pending for three minutes.");
    }

    private async Task<long> ScalarAsync(string sql) =>
        Convert.ToInt64((await SqliteRows.QueryAsync(Database, sql))[0][0] ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Cli project's own build of crmx (its deps and runtime config), built as a reference of this project.</summary>
    private static string CrmxPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var repo = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repo, "src", "Cli", "bin", configuration, output.Name, "crmx.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
