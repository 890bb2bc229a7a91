using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CrmExtensions.Host;
using CrmExtensions.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// The host of <c>crmx serve</c> (<see cref="CrmxHost"/>) run in-process on a loopback port: webhook and
/// outbound-message intake into the durable inbox, and the event worker that rescores and writes back. Its store is
/// the demo's store. Recurring jobs are off (the demo runs the jobs itself) and its logs feed the <see cref="EventTally"/>.
/// </summary>
internal sealed class DemoHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoHost(WebApplication app, Uri baseUrl, EventTally tally)
    {
        _app = app;
        BaseUrl = baseUrl;
        Tally = tally;
    }

    public Uri BaseUrl { get; }

    public EventTally Tally { get; }

    /// <summary>The host's store, which the demo's own jobs use too.</summary>
    public CrmStore Store => _app.Services.GetRequiredService<CrmStore>();

    /// <summary>A free loopback port, chosen before the sandboxes start: an outbound message's endpoint URL is part of its definition.</summary>
    public static Uri FreeUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }

    public static async Task<DemoHost> StartAsync(Uri baseUrl, string dataFolder, string key, IReadOnlyList<DemoCrm> crms, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Crmx:Store:DataFolder"] = dataFolder,
            ["Crmx:Host:Urls"] = baseUrl.ToString().TrimEnd('/'),
            ["Crmx:Host:Schedules:Refresh"] = string.Empty,
            ["Crmx:Host:Schedules:Retrain"] = string.Empty,
            ["Crmx:Host:Hangfire:WorkerCount"] = "1",
            ["Crmx:Host:Reports:Enabled"] = "false",
            ["Crmx:Host:Events:PollInterval"] = "00:00:00.250",
            ["Crmx:Host:Events:CoalescingWindow"] = "00:00:00.500",
            ["Crmx:Host:Events:Lease"] = "00:00:30",
        };
        for (var i = 0; i < crms.Count; i++)
        {
            foreach (var (name, value) in crms[i].HostSettings($"Crmx:Host:Connections:{i}", key))
            {
                settings[name] = value;
            }
        }

        var tally = new EventTally();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var app = await CrmxHost.BuildAsync(configuration, b =>
        {
            // The host logs to the console; the demo's output is its summary (or one JSON object), so the logs only feed the tally.
            b.Logging.ClearProviders();
            b.Logging.AddProvider(tally);
        }, cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new DemoHost(app, baseUrl, tally);
    }

    /// <summary>
    /// Waits until the sandbox has sent every webhook / outbound message it queued (its count of sent events stops
    /// moving) and the host's inbox has nothing pending; fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitUntilQuietAsync(DemoCrm crm, HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        long lastSent = -1;
        var quiet = 0;
        while (DateTime.UtcNow < deadline)
        {
            using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(crm.Sandbox.BaseUrl, "_sandbox/stats"), cancellationToken));
            var sent = stats.RootElement.TryGetProperty(crm.Org.Key, out var org) && org.TryGetProperty("eventsSent", out var s) ? s.GetInt64() : 0;
            var pending = await Store.Events.CountPendingAsync(cancellationToken);

            // Two quiet looks in a row: a queued delivery or a claimed pass shows within a second.
            quiet = sent == lastSent && pending == 0 ? quiet + 1 : 0;
            if (quiet == 2)
            {
                return;
            }

            lastSent = sent;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        throw new InvalidOperationException($"The {crm.Name} sandbox kept sending events or the host kept events pending for {timeout.TotalSeconds:0} s.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
