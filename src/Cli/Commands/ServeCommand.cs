using System.CommandLine;
using CrmExtensions.Host;
using CrmExtensions.Host.Configuration;
using CrmExtensions.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Cli.Commands;

/// <summary>
/// <c>crmx serve [--urls http://127.0.0.1:5080] [--functions]</c>: runs the host (Hangfire server and dashboard, recurring
/// jobs, webhook endpoints, /health) until stopped. Under Azure Functions (FUNCTIONS_CUSTOMHANDLER_PORT set) the
/// Functions timers schedule instead of Hangfire.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter output)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default Crmx:Host:Urls, http://127.0.0.1:5080)." };
        var functions = new Option<bool>("--functions") { Description = "Run as an Azure Functions custom handler: the Functions timers schedule the jobs." };
        var command = new Command("serve", "Run the host: Hangfire jobs and dashboard, CRM webhooks, health endpoint.") { urls, functions };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            var overrides = new Dictionary<string, string?>
            {
                [$"{StoreOptions.Section}:DataFolder"] = settings.Store.DataFolder,
                [$"{StoreOptions.Section}:ConnectionString"] = settings.Store.ConnectionString,
            };
            if (parse.GetValue(urls) is { Length: > 0 } listen)
            {
                overrides[$"{ServeOptions.Section}:Urls"] = listen;
            }

            if (parse.GetValue(functions))
            {
                overrides[$"{ServeOptions.Section}:Scheduler"] = "functions";
            }

            var configuration = new ConfigurationBuilder().AddConfiguration(settings.Configuration).AddInMemoryCollection(overrides).Build();
            try
            {
                await using var app = await CrmxHost.BuildAsync(configuration, cancellationToken: cancellationToken);
                await app.StartAsync(cancellationToken);
                await output.WriteLineAsync($"crmx serve: listening on {string.Join(", ", app.Urls)}; /health, /hangfire (local only unless configured), /api/webhooks/dataverse, /api/webhooks/salesforce");
                await app.WaitForShutdownAsync(cancellationToken);
            }
            catch (OptionsValidationException invalid)
            {
                throw new UsageException(string.Join(" ", invalid.Failures));
            }

            return CliApp.Ok;
        });
        return command;
    }
}
