using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Store;
using Spectre.Console;

namespace CrmExtensions.Cli.Bench;

/// <summary><c>crmx bench</c>: the whole pipeline against the in-process sandbox, with seconds, records/s, peak memory and API calls against the protocol minimum per phase.</summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(TextWriter output)
    {
        var crm = new Option<string>("--crm") { Description = "The CRM protocol to run against (dataverse).", DefaultValueFactory = _ => "dataverse" };
        var scale = new Option<int>("--scale") { Description = "Leads in the sandbox; other tables are proportional.", DefaultValueFactory = _ => 100_000 };
        var changes = new Option<double>("--changes") { Description = "Share of records changed before the incremental round.", DefaultValueFactory = _ => 0.01 };
        var command = new Command("bench",
            "Measure the pipeline against the in-process sandbox: per phase seconds, records/s, peak memory and API calls against the protocol minimum; " +
            "SQLite in a temporary folder unless Crmx:Store:ConnectionString names a PostgreSQL store.") { crm, scale, changes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!string.Equals(parse.GetValue(crm), "dataverse", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException("--crm: only dataverse is measured yet.");
            }

            if (parse.GetValue(scale) is < 200 or > 2_000_000 || parse.GetValue(changes) is <= 0 or > 1)
            {
                throw new UsageException("--scale must be 200–2,000,000 and --changes in (0, 1].");
            }

            var settings = CliSettings.Load(parse);
            var temporary = string.IsNullOrWhiteSpace(settings.Store.ConnectionString)
                ? Directory.CreateTempSubdirectory("crmx-bench-").FullName
                : null;
            var store = temporary is null ? settings.Store : new StoreOptions { DataFolder = temporary };
            var json = parse.GetValue(GlobalOptions.Json);
            try
            {
                var report = await new BenchRunner(parse.GetValue(scale), parse.GetValue(changes), store, json ? _ => { } : line => output.WriteLine(line))
                    .RunAsync(cancellationToken);
                if (json)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
                }
                else
                {
                    Print(StatusCommand.Console(output), report);
                }
            }
            finally
            {
                if (temporary is not null)
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(temporary, recursive: true);
                }
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, BenchReport report)
    {
        var table = new Table().AddColumns("Phase", "Seconds", "Records", "Records/s", "Peak MB", "Data pages", "Writes", "Minimum", "Metadata", "Tokens");
        foreach (var p in report.Phases)
        {
            table.AddRow(Markup.Escape(p.Name), F(p.Seconds), N(p.Records), N((long)p.RecordsPerSecond), N((long)p.PeakMegabytes),
                N(p.DataPages), N(p.WriteCalls), N(p.MinimumCalls), N(p.MetadataCalls), N(p.TokenCalls));
        }

        console.Write(table);
        var t = report.Totals;
        console.MarkupLineInterpolated(
            $"[bold]Total[/] {F(t.Seconds)} s; {N(t.ApiCalls)} API calls against a minimum of {N(t.MinimumCalls)} data pages and write batches (+{N(t.MetadataCalls)} metadata, {N(t.TokenCalls)} token); peak {N((long)t.PeakMegabytes)} MB");
        console.MarkupLineInterpolated($"[bold]Store[/] {report.Store}; peak memory {(report.PeakPerPhase ? "per phase" : "since process start")}");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
