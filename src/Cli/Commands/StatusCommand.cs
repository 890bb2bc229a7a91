using System.CommandLine;
using System.Text.Json;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Store;
using Spectre.Console;

namespace CrmExtensions.Cli.Commands;

/// <summary><c>crmx status</c>: opens (creating or migrating) the store and shows connections and recent job runs.</summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter output)
    {
        var limit = new Option<int>("--runs") { Description = "How many recent job runs to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("status", "Open the store (creating or migrating it) and show connections and the latest job runs.") { limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            await using var store = await CrmStore.OpenAsync(settings.Store, cancellationToken);
            var connections = new List<object>();
            foreach (var connection in settings.Crmx.Connections)
            {
                var org = await store.Connections.GetOrgAsync(connection.Name, cancellationToken);
                connections.Add(new { connection.Name, connection.Kind, Org = org?.Value });
            }

            var runs = await store.JobRuns.ListAsync(null, null, parse.GetValue(limit), cancellationToken);
            if (parse.GetValue(GlobalOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    store = store.Description,
                    schemaVersion = store.SchemaVersion,
                    connections,
                    runs = runs.Select(r => new { r.Id, org = r.Org.Value, r.Job, r.StartedAt, r.EndedAt, status = r.Status.ToString(), r.Counts, r.Error }),
                }));
                return CliApp.Ok;
            }

            var console = Console(output);
            console.MarkupLineInterpolated($"[bold]Store[/] {store.Description} (schema {store.SchemaVersion})");
            console.MarkupLineInterpolated($"[bold]Connections[/] {(connections.Count == 0 ? "none configured (use --config)" : connections.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            foreach (var connection in settings.Crmx.Connections)
            {
                console.MarkupLineInterpolated($"  {connection.Name} ({connection.Kind})");
            }

            var table = new Table().AddColumns("Started", "Org", "Job", "Status", "Error");
            foreach (var run in runs)
            {
                table.AddRow(
                    Markup.Escape(run.StartedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)),
                    Markup.Escape(run.Org.Value),
                    Markup.Escape(run.Job),
                    Markup.Escape(run.Status.ToString()),
                    Markup.Escape(run.Error ?? string.Empty));
            }

            console.MarkupLine(runs.Count == 0 ? "[bold]Job runs[/] none yet" : "[bold]Job runs[/]");
            if (runs.Count > 0)
            {
                console.Write(table);
            }

            return CliApp.Ok;
        });
        return command;
    }

    internal static IAnsiConsole Console(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Interactive = InteractionSupport.No,
        Ansi = output == System.Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
    });
}
