using System.Diagnostics;
using System.Security.Cryptography;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// Starts the sandbox of each CRM in-process (Salesforce's with outbound messages pointing at the host), the host of
/// <c>crmx serve</c> on a loopback port with a SQLite store in the data folder, and runs <see cref="DemoLoop"/> for
/// each CRM in turn; both orgs share the store and stay apart by org id. Every run starts from an empty store.
/// </summary>
internal sealed class DemoRunner(IReadOnlyList<string> crms, int scale, int seed, int changes, string dataFolder, DemoProgress progress)
{
    private static readonly string[] StoreFiles = ["crmx.db", "crmx.db-wal", "crmx.db-shm"];

    /// <summary>How long the demo waits for the webhooks of the simulated changes to be delivered and processed.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public async Task<DemoReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();

        // Remove only the demo's own database files, never anything else that may sit in a folder the user pointed --data at.
        var folder = Path.Combine(dataFolder, "demo");
        foreach (var file in StoreFiles.Select(f => Path.Combine(folder, f)).Where(File.Exists))
        {
            File.Delete(file);
        }

        // A fresh key per run: the webhook endpoint and the outbound messages carry it, the host checks it.
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var hostUrl = DemoHost.FreeUrl();
        using var http = new HttpClient();
        var sandboxes = new List<RunningSandbox>();
        var sides = new List<DemoCrm>();
        try
        {
            foreach (var crm in crms)
            {
                progress.Note($"Starting the {crm} sandbox ({scale} leads, seed {seed})…");
                var salesforce = crm == "salesforce";
                var sandbox = await SandboxServer.StartAsync(new SandboxOptions
                {
                    Port = 0,
                    Scale = scale,
                    Seed = seed,
                    Salesforce = salesforce
                        ? new SalesforceSettings
                        {
                            OutboundMessages = SalesforceDemo.OutboundMessages(new Uri(hostUrl, $"api/webhooks/salesforce?code={key}")),
                            OutboundFirstRetry = TimeSpan.FromSeconds(1),
                            OutboundMaxRetryInterval = TimeSpan.FromSeconds(5),
                        }
                        : new SalesforceSettings(),
                }, cancellationToken);
                sandboxes.Add(sandbox);
                sides.Add(salesforce ? await SalesforceDemo.CreateAsync(sandbox, http, cancellationToken) : DataverseDemo.Create(sandbox));
            }

            progress.Note($"Starting the host at {hostUrl}…");
            await using var host = await DemoHost.StartAsync(hostUrl, folder, key, sides, cancellationToken);
            var results = new List<DemoOrgResult>();
            foreach (var side in sides)
            {
                results.Add(await new DemoLoop(side, host, http, progress, changes, WebhookTimeout).RunAsync(key, cancellationToken));
            }

            var report = (await Commands.ReportCommand.WriteAsync(host.Store, Path.Combine(folder, "report.html"), cancellationToken)).Path;
            return new DemoReport(
                [.. results.SelectMany(r => r.Phases)],
                [.. results.SelectMany(r => r.Models)],
                DemoWriteBack.Sum(results.Select(r => r.Org.WriteBack)),
                DemoWebhooks.Sum(results.Select(r => r.Org.Webhooks)),
                [.. results.SelectMany(r => r.Records)],
                [.. results.Select(r => r.Org)],
                host.Store.Description,
                report,
                Math.Round(clock.Elapsed.TotalSeconds, 1));
        }
        finally
        {
            foreach (var side in sides)
            {
                side.Connector.Dispose();
            }

            foreach (var sandbox in sandboxes)
            {
                await sandbox.DisposeAsync();
            }
        }
    }
}
