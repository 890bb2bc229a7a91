using System.CommandLine;
using System.Text.Json;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx sandbox</c>: runs the local CRM emulator until stopped (Ctrl+C).</summary>
internal static class SandboxCommand
{
    private static readonly JsonSerializerOptions ReadyJson = new(JsonSerializerDefaults.Web);

    public static Command Create(TextWriter output)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 5099 };
        var scale = new Option<int>("--scale") { Description = "Number of leads; other tables are proportional.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Data seed: the same seed gives the same data.", DefaultValueFactory = _ => 1 };
        var orgs = new Option<int>("--orgs") { Description = "Organisations to host (copies with overlapping record ids).", DefaultValueFactory = _ => 1 };
        var state = new Option<FileInfo?>("--state") { Description = "Load state from this file if it exists; save it on exit." };
        var simulate = new Option<int>("--simulate") { Description = "Apply this many realistic user changes (creates, updates, deletes) to each org before serving." };
        var untilStdinCloses = new Option<bool>("--until-stdin-closes")
        {
            Description = "Also stop when standard input reaches its end (a parent process that started the sandbox exited or closed the pipe).",
        };
        var command = new Command("sandbox",
            "Run the local CRM sandbox (Dataverse Web API and Salesforce REST/Bulk emulators over one data set) until stopped; " +
            "with --json, one JSON line (URL, test credentials, orgs) once it serves.") { port, scale, seed, orgs, state, simulate, untilStdinCloses };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(scale) < 1 || parse.GetValue(orgs) is < 1 or > 10 || parse.GetValue(simulate) is < 0 or > 1_000_000)
            {
                throw new UsageException("--scale must be positive, --orgs between 1 and 10 and --simulate between 0 and 1,000,000.");
            }

            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                Port = parse.GetValue(port),
                Scale = parse.GetValue(scale),
                Seed = parse.GetValue(seed),
                Orgs = parse.GetValue(orgs),
                StateFile = parse.GetValue(state)?.FullName,
            }, cancellationToken);

            if (parse.GetValue(simulate) > 0)
            {
                foreach (var org in sandbox.Orgs)
                {
                    var (created, updated, deleted) = await sandbox.SimulateAsync(org.Key, parse.GetValue(simulate));
                    await output.WriteLineAsync($"Simulated in {org.Key}: {created} created, {updated} updated, {deleted} deleted.");
                }
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(untilStdinCloses))
            {
                _ = Task.Run(async () => await StdinClosedAsync(stop), CancellationToken.None);
            }

            if (parse.GetValue(GlobalOptions.Json))
            {
                // Machine-readable: one line a parent process waits for (crmx bench runs the sandbox as a child process).
                await output.WriteLineAsync(JsonSerializer.Serialize(new SandboxReady(Environment.ProcessId, sandbox.BaseUrl, sandbox.Credentials, sandbox.Orgs), ReadyJson));
                await output.FlushAsync(cancellationToken);
                await sandbox.WaitForShutdownAsync(stop.Token);
                return CliApp.Ok;
            }

            // Test credentials of a local emulator, fixed per seed: printing them is the point.
            await output.WriteLineAsync($"Sandbox listening on {sandbox.BaseUrl}");
            await output.WriteLineAsync($"  token endpoint  {sandbox.Credentials.TokenEndpoint}");
            await output.WriteLineAsync($"  tenant id       {sandbox.Credentials.TenantId}");
            await output.WriteLineAsync($"  client id       {sandbox.Credentials.ClientId}");
            await output.WriteLineAsync($"  client secret   {sandbox.Credentials.ClientSecret}");
            foreach (var org in sandbox.Orgs)
            {
                await output.WriteLineAsync($"  {org.Key}: organisation {org.OrganizationId}");
                await output.WriteLineAsync($"    Dataverse   environment {org.Url}  Web API {org.ApiUrl}");
                await output.WriteLineAsync($"    Salesforce  instance {org.Url}  token {org.Url}/services/oauth2/token  data {org.Url}/services/data/v66.0/");
            }

            await output.WriteLineAsync("Press Ctrl+C to stop.");
            await output.FlushAsync(cancellationToken);
            await sandbox.WaitForShutdownAsync(stop.Token);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>Cancels <paramref name="stop"/> when standard input ends (or cannot be read).</summary>
    private static async Task StdinClosedAsync(CancellationTokenSource stop)
    {
        try
        {
            await using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (await stdin.ReadAsync(buffer, stop.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await stop.CancelAsync();
    }
}
