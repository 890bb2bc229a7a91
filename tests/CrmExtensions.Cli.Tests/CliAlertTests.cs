using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Tests;

/// <summary>
/// One-off commands alert like the host: a scheduled <c>crmx sync</c> that keeps failing posts one alert to the
/// configured webhook across separate runs (the incident is kept in the store), without the client secret.
/// </summary>
public sealed class CliAlertTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-clialerts-").FullName;
    private readonly HttpListener _listener = new();
    private readonly List<string> _posts = [];
    private RunningSandbox _sandbox = null!;
    private string _hook = string.Empty;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 30, Seed = 2 });
        var port = FreePort();
        _hook = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(_hook);
        _listener.Start();
        _ = Task.Run(ReceiveAsync);
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        await _sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    public void Dispose() => ((IDisposable)_listener).Dispose();

    [Fact]
    public async Task ScheduledSyncFailingAcrossRuns_PostsOneAlertPerIncident_ResolvesWhenReached_AndNeverTheSecret()
    {
        var unreachable = await Config("down.json", "http://127.0.0.1:9/org1"); // nothing listens on port 9
        var reachable = await Config("up.json", _sandbox.Orgs[0].Url.ToString());

        var down = new List<(int Code, string Output, string Error)>();
        for (var run = 0; run < 3; run++)
        {
            down.Add(await Cli.Run("sync", "--crm", "dataverse", "--entity", "lead", "--config", unreachable, "--data", _folder));
        }

        var posts = Posts();
        down.ShouldAllBe(r => r.Code == 1);
        posts.ShouldHaveSingleItem().ShouldContain("[job-failed] org - sync: crmx sync did not start");

        // Reached again: the incident is resolved; a table the org does not have fails its job run, alerted once.
        for (var run = 0; run < 2; run++)
        {
            (await Cli.Run("sync", "--crm", "dataverse", "--entity", "nosuchtable", "--config", reachable, "--data", _folder)).Code.ShouldBe(1);
        }

        posts = Posts();
        posts.Count.ShouldBe(3);
        posts[1].ShouldContain("resolved [job-failed] org - sync");
        posts[2].ShouldContain($"[job-failed] org {_sandbox.Orgs[0].OrganizationId} sync:nosuchtable");
        posts.ShouldAllBe(p => !p.Contains(_sandbox.Credentials.ClientSecret, StringComparison.Ordinal));
    }

    private List<string> Posts()
    {
        lock (_posts)
        {
            return [.. _posts];
        }
    }

    private async Task<string> Config(string name, string url)
    {
        var config = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Crmx = new
            {
                Dataverse = new
                {
                    EnvironmentUrl = url,
                    Authority = _sandbox.Credentials.Authority,
                    _sandbox.Credentials.ClientId,
                    _sandbox.Credentials.ClientSecret,
                    MaxRetries = 0,
                    Tables = new[] { "lead" },
                },
                Alerts = new { WebhookUrl = _hook },
            },
        }));
        return config;
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = await reader.ReadToEndAsync();
                lock (_posts)
                {
                    _posts.Add(body);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
