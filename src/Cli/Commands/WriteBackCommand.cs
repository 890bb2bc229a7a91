using System.CommandLine;
using System.Text.Json;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Jobs;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Store;
using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx writeback --crm dataverse|salesforce</c>: stored outputs into CRM fields, material changes only.</summary>
internal static class WriteBackCommand
{
    public static Command Create(TextWriter output)
    {
        var crm = CrmConnection.Crm();
        var entity = new Option<string[]>("--entity") { Description = "A table to write (repeatable; default: every table with output fields)." };
        var command = new Command("writeback", "Write model outputs into CRM fields: one update per record, only material changes.") { crm, entity };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            using var connector = CrmConnection.Open(settings, parse.GetRequiredValue(crm));
            await using var store = await CrmStore.OpenAsync(settings.Store, cancellationToken);
            using var alerts = CliAlerts.Open(settings, store);
            var org = await CliAlerts.BindAsync(connector, store, settings, alerts, "writeback", cancellationToken);
            var options = new WriteBackOptions();
            settings.Configuration.GetSection(WriteBackOptions.Section).Bind(options);
            var catalogue = OutputCatalogue.Default;
            var tables = parse.GetValue(entity) is { Length: > 0 } chosen
                ? chosen
                : [.. catalogue.Fields.Select(f => f.TableIn(connector.Kind)).Distinct(StringComparer.OrdinalIgnoreCase)];
            var job = new WriteBackJob(store.Outputs, store.Records, catalogue, options, CliAlerts.JobRuns(store, alerts), TimeProvider.System);
            var results = new List<WriteBackResult>();
            foreach (var table in tables)
            {
                results.Add(await job.RunAsync(org, connector.Kind, table, connector.Writer, cancellationToken));
            }

            if (parse.GetValue(GlobalOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(results.Select(r => new
                {
                    table = r.Table,
                    writerCalls = r.WriterCalls,
                    records = r.Records.ToDictionary(x => x.Key.ToString(), x => x.Value),
                    api = connector.Usage,
                })));
            }
            else
            {
                foreach (var result in results)
                {
                    await output.WriteLineAsync($"{result.Table}: {string.Join(", ", result.Records.Select(r => $"{r.Key} {r.Value}"))}{(result.Records.Count == 0 ? "no outputs" : string.Empty)}");
                }
            }

            return results.All(r => r[WriteStatus.Failed] == 0) ? CliApp.Ok : CliApp.Failed;
        });
        return command;
    }
}
