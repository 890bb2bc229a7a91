using System.Diagnostics;
using System.Text.Json;
using CrmExtensions.Sandbox;
using Microsoft.Data.Sqlite;

namespace CrmExtensions.Cli.Tests;

/// <summary>
/// `crmx sync` as a child process killed with SIGKILL at 20 seeded moments of a Dataverse sync, then run again: nothing
/// is lost or doubled and the read resumes from the saved cursor (issue 7, "Done when").
/// </summary>
public sealed class SyncCrashTests : IAsyncLifetime
{
    private const int Leads = 3000;
    private const int PageSize = 100;
    private const int Kills = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-crash-").FullName;
    private RunningSandbox _sandbox = null!;
    private string _config = string.Empty;

    public async Task InitializeAsync()
    {
        // Every Dataverse call is slowed by 100 ms so that a full read of 30 pages lasts long enough to be killed mid-way.
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = Leads, Seed = 4, Faults = new FaultSettings { Latency = 1.0, LatencyMilliseconds = 100 },
        });
        _config = Path.Combine(_folder, "crmx.json");
        await File.WriteAllTextAsync(_config, JsonSerializer.Serialize(new
        {
            Crmx = new
            {
                Dataverse = new
                {
                    EnvironmentUrl = _sandbox.Orgs[0].Url,
                    Authority = _sandbox.Credentials.Authority,
                    _sandbox.Credentials.ClientId,
                    _sandbox.Credentials.ClientSecret,
                    PageSize,
                    Tables = new[] { "lead" },
                },
            },
        }));
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Sync_KilledTwentyTimesMidRun_ResumesWithNothingLostOrDuplicated()
    {
        var random = new Random(7);
        var cursors = new List<string>();
        for (var kill = 1; kill <= Kills; kill++)
        {
            // Kill after this run has committed one more page, at a seeded random moment within the next one: while it
            // reads the page, while the store writes it (batch and cursor share a transaction), or just after.
            var before = await CursorAsync();
            using var child = Start();
            var committed = 0;
            var last = before;
            while (committed < 1)
            {
                if (child.HasExited)
                {
                    Assert.Fail($"crmx sync (kill {kill}) ended with {child.ExitCode} before it could be killed: {await child.StandardError.ReadToEndAsync()}");
                }
                await Task.Delay(10);
                var now = await CursorAsync();
                if (now is not null && now != last)
                {
                    committed++;
                    last = now;
                }
            }

            await Task.Delay(random.Next(0, 120));
            child.Kill();
            await child.WaitForExitAsync();
            cursors.Add((await CursorAsync())!);
        }

        using var final = Start();
        var output = await final.StandardOutput.ReadToEndAsync();
        await final.WaitForExitAsync();

        final.ExitCode.ShouldBe(0, await final.StandardError.ReadToEndAsync());
        var lead = JsonDocument.Parse(output).RootElement.GetProperty("tables")[0];
        lead.GetProperty("full").GetBoolean().ShouldBeFalse();
        lead.GetProperty("read").GetInt64().ShouldBeLessThanOrEqualTo(Leads - (Kills * PageSize));
        cursors.Distinct().Count().ShouldBe(Kills);
        cursors.ShouldAllBe(c => c.StartsWith("NextFull:", StringComparison.Ordinal));
        var stored = await StoredLeadsAsync();
        stored.Count.ShouldBe(stored.Select(r => r.Id).Distinct().Count());
        var crm = await CrmLeadsAsync();
        stored.Where(r => !r.Deleted).Select(r => r.Id).Order(StringComparer.Ordinal).ShouldBe(crm.Order(StringComparer.Ordinal));
    }

    private Process Start()
    {
        var crmx = typeof(CliApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { crmx, "sync", "--crm", "dataverse", "--entity", "lead", "--config", _config, "--data", _folder, "--json" },
        };
        return Process.Start(start)!;
    }

    private async Task<string?> CursorAsync()
    {
        var path = Path.Combine(_folder, "crmx.db");
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
            command.CommandText = "SELECT value FROM cursors WHERE entity = 'lead' AND stream = 'sync'";
            return await command.ExecuteScalarAsync() as string;
        }
        catch (SqliteException)
        {
            return null; // the child has not created the schema yet, or holds a lock for a moment
        }
    }

    private async Task<List<(string Id, bool Deleted)>> StoredLeadsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "crmx.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, deleted FROM records WHERE entity = 'lead'";
        var rows = new List<(string, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1) != 0));
        }

        return rows;
    }

    private async Task<List<string>> CrmLeadsAsync()
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = _sandbox.Credentials.ClientId,
            ["client_secret"] = _sandbox.Credentials.ClientSecret, ["scope"] = _sandbox.Orgs[0].Scope,
        });
        using var token = await http.PostAsync(_sandbox.Credentials.TokenEndpoint, form);
        http.DefaultRequestHeaders.Authorization = new("Bearer", JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString());
        var ids = new List<string>();
        var next = new Uri(_sandbox.Orgs[0].ApiUrl, "leads?$select=leadid");
        while (true)
        {
            var page = JsonDocument.Parse(await http.GetStringAsync(next)).RootElement;
            ids.AddRange(page.GetProperty("value").EnumerateArray().Select(r => Guid.Parse(r.GetProperty("leadid").GetString()!).ToString("d")));
            if (!page.TryGetProperty("@odata.nextLink", out var link))
            {
                return ids;
            }

            next = new Uri(link.GetString()!);
        }
    }
}
