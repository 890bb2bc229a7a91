using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmExtensions.Cli.Bench.Sklearn;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Connectors.Salesforce;
using CrmExtensions.Store;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace CrmExtensions.Cli.Bench;

/// <summary><c>crmx bench</c>: the whole pipeline against the sandbox (a child process by default), with seconds, records/s, peak memory and API calls against the protocol minimum per phase.</summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly string[] DataverseOnly = ["dataverse"];
    private static readonly string[] SalesforceOnly = ["salesforce"];
    private static readonly string[] Both = ["dataverse", "salesforce"];
    private static readonly string[] Sizes = [":PageSize ", ":WriteBatchSize ", ":BulkQueryThreshold ", ":BulkWriteThreshold ", ":BulkJobRecords "];

    public static Command Create(TextWriter output)
    {
        var crm = new Option<string>("--crm") { Description = "The CRM protocol to run against: dataverse, salesforce, or both one after the other.", DefaultValueFactory = _ => "dataverse" };
        crm.AcceptOnlyFromAmong("dataverse", "salesforce", "both");
        var scale = new Option<int>("--scale") { Description = "Leads in the sandbox; other tables are proportional.", DefaultValueFactory = _ => 100_000 };
        var changes = new Option<double>("--changes") { Description = "Share of records changed before the incremental round.", DefaultValueFactory = _ => 0.01 };
        var sklearn = new Option<bool>("--compare-sklearn")
        {
            Description = "Train our default models and scikit-learn's reference models on the same splits (exported to CSV) and report quality and time ratios; needs python3-sklearn.",
        };
        var inProcess = new Option<bool>("--in-process-sandbox")
        {
            Description = "Run the sandbox in this process (the old mode: its in-memory org is then counted in our peak memory); by default it is a child process whose peak is reported apart.",
        };
        var rounds = new Option<int>("--rounds") { Description = "Alternating rounds (ours, theirs) for --compare-sklearn.", DefaultValueFactory = _ => 2 };
        var command = new Command("bench",
            "Measure the pipeline against the sandbox (a child process): per phase seconds, records/s, our and the sandbox's peak memory and API calls against the protocol minimum; " +
            "SQLite in a temporary folder unless Crmx:Store:ConnectionString names a PostgreSQL store; Salesforce page, collection and Bulk sizes from Crmx:Salesforce.") { crm, scale, changes, sklearn, rounds, inProcess };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(scale) is < 200 or > 2_000_000 || parse.GetValue(changes) is <= 0 or > 1)
            {
                throw new UsageException("--scale must be 200–2,000,000 and --changes in (0, 1].");
            }

            var crms = parse.GetValue(crm) switch
            {
                "both" => Both,
                "salesforce" => SalesforceOnly,
                _ => DataverseOnly,
            };
            if (parse.GetValue(sklearn))
            {
                return await CompareSklearnAsync(output, parse.GetValue(scale), Math.Clamp(parse.GetValue(rounds), 1, 10), parse.GetValue(GlobalOptions.Json), cancellationToken);
            }

            var settings = CliSettings.Load(parse);
            var json = parse.GetValue(GlobalOptions.Json);
            var reports = new List<BenchReport>();
            foreach (var name in crms)
            {
                reports.Add(await RunAsync(name, parse.GetValue(scale), parse.GetValue(changes), parse.GetValue(inProcess), settings, json ? _ => { } : line => output.WriteLine(line), cancellationToken));
            }

            if (json)
            {
                // One CRM: the report object, as before; both: an array of them, each naming its CRM.
                await output.WriteLineAsync(reports.Count == 1 ? JsonSerializer.Serialize(reports[0], Json) : JsonSerializer.Serialize(reports, Json));
            }
            else
            {
                foreach (var report in reports)
                {
                    Print(StatusCommand.Console(output), report);
                }
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>One CRM's run with a store of its own: SQLite in a temporary folder removed after, or the configured PostgreSQL store.</summary>
    private static async Task<BenchReport> RunAsync(string crm, int scale, double changes, bool inProcess, CliSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        var configured = settings.Store;
        var sizes = new SalesforceOptions();
        settings.Configuration.GetSection(SalesforceOptions.Section).Bind(sizes);
        if (sizes.Validate().Where(f => Sizes.Any(s => f.Contains(s, StringComparison.Ordinal))).ToList() is { Count: > 0 } bad)
        {
            throw new UsageException(string.Join(" ", bad));
        }

        var temporary = string.IsNullOrWhiteSpace(configured.ConnectionString)
            ? Directory.CreateTempSubdirectory("crmx-bench-").FullName
            : null;
        var store = temporary is null ? configured : new StoreOptions { DataFolder = temporary };
        try
        {
            return crm == "salesforce"
                ? await new SalesforceBenchRunner(scale, changes, store, sizes, inProcess, progress).RunAsync(cancellationToken)
                : await new BenchRunner(scale, changes, store, inProcess, progress).RunAsync(cancellationToken);
        }
        finally
        {
            if (temporary is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(temporary, recursive: true);
            }
        }
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
        console.MarkupLineInterpolated($"[bold underline]{report.Crm}[/] ({N(report.Scale)} leads)");
        var table = new Table().AddColumns("Phase", "Seconds", "Records", "Records/s", "Peak MB", "Sandbox peak MB", "Data pages", "Writes", "Minimum", "Metadata", "Tokens", "Bulk polls", "Other");
        foreach (var p in report.Phases)
        {
            table.AddRow(Markup.Escape(p.Name), F(p.Seconds), N(p.Records), N((long)p.RecordsPerSecond), N((long)p.PeakMegabytes), p.SandboxPeakMegabytes is { } sandboxPeak ? N((long)sandboxPeak) : "-",
                N(p.DataPages), N(p.WriteCalls), N(p.MinimumCalls), N(p.MetadataCalls), N(p.TokenCalls), N(p.BulkPollCalls), N(p.OtherCalls));
        }

        console.Write(table);
        var t = report.Totals;
        console.MarkupLineInterpolated(
            $"[bold]Total[/] {F(t.Seconds)} s; {N(t.ApiCalls)} API calls against a minimum of {N(t.MinimumCalls)} data pages and write batches (+{N(t.MetadataCalls)} metadata, {N(t.TokenCalls)} token, {N(t.BulkPollCalls)} Bulk polls); peak {N((long)t.PeakMegabytes)} MB ours{(t.SandboxPeakMegabytes is { } s ? $", {N((long)s)} MB the sandbox's" : "")}");
        foreach (var problem in report.Problems)
        {
            console.MarkupLineInterpolated($"[bold]Problem[/] {problem}");
        }

        foreach (var cap in report.Caps)
        {
            console.MarkupLineInterpolated($"[bold]Cap[/] {cap.Name}: {N(cap.Calls)} of at most {N(cap.Cap)} — {(cap.Within ? "within" : "EXCEEDED")}");
        }

        console.MarkupLineInterpolated($"[bold]Store[/] {report.Store}; sandbox {report.Sandbox}; peak memory {(report.PeakPerPhase ? "per phase" : "since process start")}");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
