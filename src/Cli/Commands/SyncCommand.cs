using System.CommandLine;
using System.Text.Json;
using CrmExtensions.Jobs;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx sync --crm dataverse|salesforce [--entity lead] [--full]</c>: CRM records into the store, resumable, with a summary.</summary>
internal static class SyncCommand
{
    public static Command Create(TextWriter output)
    {
        var crm = CrmConnection.Crm();
        var entity = new Option<string[]>("--entity") { Description = "A table to sync (repeatable; default: the configured tables)." };
        var full = new Option<bool>("--full") { Description = "Forget the cursor and read everything again." };
        var command = new Command("sync", "Sync CRM records into the store: incremental from the saved cursor, or --full.") { crm, entity, full };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            using var connector = CrmConnection.Open(settings, parse.GetRequiredValue(crm));
            await using var store = await CrmStore.OpenAsync(settings.Store, cancellationToken);
            using var alerts = CliAlerts.Open(settings, store);
            var org = await CliAlerts.BindAsync(connector, store, settings, alerts, "sync", cancellationToken);
            var tables = parse.GetValue(entity) is { Length: > 0 } chosen ? chosen : [.. (await connector.Source.DiscoverAsync(cancellationToken)).Select(s => s.Name)];
            // Our own write-back comes back as changes touching only our output columns: recognised, not counted as changes.
            // Salesforce stamps every update with its audit fields, as Dataverse does with its bookkeeping columns.
            IReadOnlyCollection<string> bookkeeping = connector.Kind == Scoring.Outputs.CrmKind.Salesforce
                ? ["LastModifiedDate", "LastModifiedById", "SystemModstamp"]
                : Connectors.Dataverse.DataverseConnector.BookkeepingColumns;
            var job = new SyncJob(store.Records, store.Cursors, CliAlerts.JobRuns(store, alerts), TimeProvider.System, entity => new Connectors.Common.Sync.EchoDetector(
                Scoring.Outputs.OutputCatalogue.Default.ForTable(connector.Kind, entity).Select(f => f.NameIn(connector.Kind)), bookkeeping));
            var results = new List<Connectors.Common.Sync.SyncResult>();
            foreach (var table in tables)
            {
                var result = await job.RunAsync(org, connector.Source, table, parse.GetValue(full), connector.Meter, cancellationToken);
                results.Add(result);
                if (!parse.GetValue(GlobalOptions.Json))
                {
                    await output.WriteLineAsync($"{table}: read {result.Read}, written {result.Written}, unchanged {result.Unchanged}, deleted {result.Deleted}, echoes {result.Echoes}, " +
                        $"{result.Batches} pages, {(result.Full ? "full" : "incremental")}, {result.Duration.TotalSeconds:0.0} s{(result.Error is null ? string.Empty : " — " + result.Error)}");
                }
            }

            if (parse.GetValue(GlobalOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    org = org.Value,
                    api = connector.Usage,
                    tables = results.Select(r => new { entity = r.Entity, read = r.Read, written = r.Written, unchanged = r.Unchanged, deleted = r.Deleted, echoes = r.Echoes, pages = r.Batches, full = r.Full, seconds = r.Duration.TotalSeconds, error = r.Error }),
                }));
            }

            return results.All(r => r.Succeeded) ? CliApp.Ok : CliApp.Failed;
        });
        return command;
    }
}
