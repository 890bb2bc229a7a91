using System.Diagnostics;
using System.Text.Json;
using CrmExtensions.Sandbox;
using Microsoft.Data.Sqlite;

namespace CrmExtensions.Cli.Tests;

/// <summary>
/// `crmx sync --crm salesforce` as a child process killed with SIGKILL at seeded moments, then run again: nothing is
/// lost or doubled and the read resumes from the saved cursor (issue 9, "Done when": 20 seeded moments). Two paths: the
/// REST queryAll pages (14 kills) and a Bulk API 2.0 query job whose CSV sets are resumed by job id and locator (6 kills);
/// about 40 s together, most of it the child processes' start-up.
/// </summary>
public sealed class SalesforceSyncCrashTests : IAsyncLifetime
{
    private const int Leads = 4600;
    private const int PageSize = 200;
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-sfcrash-").FullName;
    private RunningSandbox _sandbox = null!;

    public async Task InitializeAsync() =>
        // Every Salesforce call is slowed by 100 ms so that a full read of 23 pages lasts long enough to be killed mid-way.
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = Leads, Seed = 5, Faults = new FaultSettings { Latency = 1.0, LatencyMilliseconds = 100 },
        });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(0, 14, 11)]
    [InlineData(2000, 6, 12)]
    public async Task Sync_KilledMidRun_ResumesWithNothingLostOrDuplicated(int bulkThreshold, int kills, int seed)
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, $"bulk-{bulkThreshold}")).FullName;
        var config = await ConfigAsync(data, bulkThreshold);
        var random = new Random(seed);
        var cursors = new List<string>();
        for (var kill = 1; kill <= kills; kill++)
        {
            // Kill after this run has committed one more page (or CSV set), at a seeded random moment within the next
            // one: while it reads, while the store writes (batch and cursor share a transaction), or just after.
            var last = await CursorAsync(data);
            using var child = Start(config, data);
            while (true)
            {
                if (child.HasExited)
                {
                    Assert.Fail($"crmx sync (kill {kill}) ended with {child.ExitCode} before it could be killed: {await child.StandardError.ReadToEndAsync()}");
                }

                await Task.Delay(10);
                var now = await CursorAsync(data);
                if (now is not null && now != last)
                {
                    break;
                }
            }

            await Task.Delay(random.Next(0, 150));
            child.Kill();
            await child.WaitForExitAsync();
            cursors.Add((await CursorAsync(data))!);
        }

        using var final = Start(config, data);
        var output = await final.StandardOutput.ReadToEndAsync();
        await final.WaitForExitAsync();

        final.ExitCode.ShouldBe(0, await final.StandardError.ReadToEndAsync());
        var lead = JsonDocument.Parse(output).RootElement.GetProperty("tables")[0];
        // Each kill came after at least one more committed page: the last run reads at most what is left of every row
        // queryAll returns (live, deleted and merged leads — more than the scale when the generator made duplicates).
        var total = (await CrmLeadsAsync("queryAll")).Count;
        lead.GetProperty("read").GetInt64().ShouldBeLessThanOrEqualTo(total - (kills * PageSize));
        cursors.Distinct().Count().ShouldBe(kills);
        cursors.ShouldAllBe(c => c.StartsWith("sf1:", StringComparison.Ordinal));
        if (bulkThreshold > 0)
        {
            cursors.ShouldAllBe(c => c.Contains("\"bulkJob\":\"750", StringComparison.Ordinal));
            (await CallsAsync("SF POST jobs/query")).ShouldBe(1);
        }

        var stored = await StoredLeadsAsync(data);
        stored.Count.ShouldBe(stored.Select(r => r.Id).Distinct().Count());
        var crm = await CrmLeadsAsync();
        crm.Count.ShouldBeGreaterThan(Leads / 2);
        stored.Where(r => !r.Deleted).Select(r => r.Id).Order(StringComparer.Ordinal).ShouldBe(crm.Order(StringComparer.Ordinal));
    }

    private async Task<string> ConfigAsync(string data, int bulkThreshold)
    {
        var path = Path.Combine(data, "crmx.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Crmx = new
            {
                Salesforce = new
                {
                    LoginUrl = _sandbox.Orgs[0].Url,
                    _sandbox.Credentials.ClientId,
                    _sandbox.Credentials.ClientSecret,
                    Objects = new[] { "Lead" },
                    PageSize,
                    BulkQueryThreshold = bulkThreshold,
                    BulkPollInterval = "00:00:00.050",
                },
            },
        }));
        return path;
    }

    private static Process Start(string config, string data)
    {
        var crmx = typeof(CliApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { crmx, "sync", "--crm", "salesforce", "--entity", "Lead", "--config", config, "--data", data, "--json" },
        };
        return Process.Start(start)!;
    }

    private static async Task<string?> CursorAsync(string data)
    {
        var path = Path.Combine(data, "crmx.db");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Wait at most 50 ms for a lock the child holds (the default would wait 30 s and miss the moment).
            command.CommandText = "PRAGMA busy_timeout=50";
            await command.ExecuteNonQueryAsync();
            command.CommandText = "SELECT value FROM cursors WHERE entity = 'Lead' AND stream = 'sync'";
            return await command.ExecuteScalarAsync() as string;
        }
        catch (SqliteException)
        {
            return null; // the child has not created the schema yet, or holds a lock for a moment
        }
    }

    private static async Task<List<(string Id, bool Deleted)>> StoredLeadsAsync(string data)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "crmx.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, deleted FROM records WHERE entity = 'Lead'";
        var rows = new List<(string, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1) != 0));
        }

        return rows;
    }

    private async Task<long> CallsAsync(string endpoint)
    {
        using var http = new HttpClient();
        var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(_sandbox.BaseUrl, "_sandbox/stats"))).RootElement;
        return stats.GetProperty(_sandbox.Orgs[0].Key).GetProperty("calls").TryGetProperty(endpoint, out var n) ? n.GetInt64() : 0;
    }

    /// <summary>The leads as the CRM's own query API lists them (query hides deleted rows; queryAll shows them).</summary>
    private async Task<List<string>> CrmLeadsAsync(string verb = "query")
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = _sandbox.Credentials.ClientId, ["client_secret"] = _sandbox.Credentials.ClientSecret,
        });
        using var token = await http.PostAsync(new Uri(_sandbox.Orgs[0].Url.ToString().TrimEnd('/') + "/services/oauth2/token"), form);
        var session = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;
        http.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("access_token").GetString());
        var root = session.GetProperty("instance_url").GetString()!.TrimEnd('/');
        var ids = new List<string>();
        string? next = $"/services/data/v62.0/{verb}?q=" + Uri.EscapeDataString("SELECT Id FROM Lead");
        while (next is not null)
        {
            var page = JsonDocument.Parse(await http.GetStringAsync(new Uri(root + next))).RootElement;
            ids.AddRange(page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!));
            next = page.GetProperty("done").GetBoolean() ? null : page.GetProperty("nextRecordsUrl").GetString();
        }

        return ids;
    }
}
