using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmExtensions.Cli.Bench.Sklearn;
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
        var sklearn = new Option<bool>("--compare-sklearn")
        {
            Description = "Train our default models and scikit-learn's reference models on the same splits (exported to CSV) and report quality and time ratios; needs python3-sklearn.",
        };
        var rounds = new Option<int>("--rounds") { Description = "Alternating rounds (ours, theirs) for --compare-sklearn.", DefaultValueFactory = _ => 2 };
        var command = new Command("bench",
            "Measure the pipeline against the in-process sandbox: per phase seconds, records/s, peak memory and API calls against the protocol minimum; " +
            "SQLite in a temporary folder unless Crmx:Store:ConnectionString names a PostgreSQL store.") { crm, scale, changes, sklearn, rounds };
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

            if (parse.GetValue(sklearn))
            {
                return await CompareSklearnAsync(output, parse.GetValue(scale), Math.Clamp(parse.GetValue(rounds), 1, 10), parse.GetValue(GlobalOptions.Json), cancellationToken);
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

    private static async Task<int> CompareSklearnAsync(TextWriter output, int scale, int rounds, bool json, CancellationToken cancellationToken)
    {
        // The exported CSV files hold customers' field values: they live in a private temporary folder removed at the end.
        var folder = Directory.CreateTempSubdirectory("crmx-sklearn-").FullName;
        try
        {
            var report = await new SklearnComparison(scale, rounds, folder, json ? _ => { } : line => output.WriteLine(line)).RunAsync(cancellationToken);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
                return CliApp.Ok;
            }

            var table = new Table().AddColumns("Model", "Metric", "Train", "Test", "Ours", "scikit-learn", "Quality ours/theirs", "Our s", "Their s", "Time ours/theirs");
            foreach (var r in report.Rows)
            {
                table.AddRow(Markup.Escape(r.Kind), r.Metric, N(r.TrainRows), N(r.TestRows), F3(r.Ours), Markup.Escape($"{F3(r.Theirs)} ({r.TheirModel})"),
                    F3(r.QualityRatio), F(r.OurSeconds), F(r.TheirSeconds), F(r.TimeRatio));
            }

            var console = StatusCommand.Console(output);
            console.Write(table);
            foreach (var r in report.Rows)
            {
                console.MarkupLineInterpolated($"[bold]{r.Kind}[/]: {r.Note}");
            }

            console.MarkupLineInterpolated($"scikit-learn {report.SklearnVersion}; {report.Rounds} alternating rounds, fastest fit of each side; {report.Cores} cores; scale {N(report.Scale)} leads");
            return CliApp.Ok;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string F3(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

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
