using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmExtensions.Cli.Commands;
using Spectre.Console;

namespace CrmExtensions.Cli.Demo;

/// <summary><c>crmx demo</c>: the whole loop against the in-process Dataverse sandbox, with a summary.</summary>
internal static class DemoCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(TextWriter output)
    {
        var scale = new Option<int>("--scale") { Description = "Leads in the sandbox; other tables are proportional.", DefaultValueFactory = _ => 2_000 };
        var seed = new Option<int>("--seed") { Description = "Sandbox data seed.", DefaultValueFactory = _ => 1 };
        var changes = new Option<int>("--changes") { Description = "Simulated user changes after the first write-back.", DefaultValueFactory = _ => 200 };
        var command = new Command("demo",
            "Run the loop against the local Dataverse sandbox: full sync, train lead and opportunity models, segment accounts, " +
            "recommend products, score, write back; " +
            "then user changes, incremental sync, rescore and a material-only write-back.") { scale, seed, changes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(scale) is < 200 or > 1_000_000 || parse.GetValue(changes) is < 0 or > 100_000)
            {
                throw new UsageException("--scale must be 200–1,000,000 and --changes 0–100,000.");
            }

            var json = parse.GetValue(GlobalOptions.Json);
            var settings = CliSettings.Load(parse);
            var runner = new DemoRunner(parse.GetValue(scale), parse.GetValue(seed), parse.GetValue(changes), settings.Store.DataFolder,
                json ? _ => { } : line => output.WriteLine(line));
            var report = await runner.RunAsync(cancellationToken);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, Json));
            }
            else
            {
                Print(StatusCommand.Console(output), report);
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, DemoReport report)
    {
        var phases = new Table().AddColumns("Phase", "Records", "API calls", "Seconds");
        foreach (var phase in report.Phases)
        {
            phases.AddRow(Markup.Escape(phase.Name), N(phase.Records), N(phase.ApiCalls), phase.Seconds.ToString("0.00", CultureInfo.InvariantCulture));
        }

        console.Write(phases);
        var models = new Table().AddColumns("Model", "Version", "Status", "Hold-out", "Why");
        foreach (var model in report.Models)
        {
            models.AddRow(Markup.Escape(model.Name), N(model.Version), model.Status,
                Markup.Escape(string.Join(", ", model.Metrics.Where(m => m.Key is "auc" or "prAuc" or "topDecileLift" or "rmse" or "silhouette" or "hitRate10" or "hitRate10_popularity" or "hitRate10_itemToItem").Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:0.###}")))),
                Markup.Escape(string.IsNullOrEmpty(model.Drift) ? model.Reason : $"{model.Reason} {model.Drift} in the last scoring run."));
        }

        console.Write(models);
        var w = report.WriteBack;
        console.MarkupLineInterpolated($"[bold]Write-back[/] written {w.Written}, unchanged {w.SkippedUnchanged}, immaterial {w.SkippedImmaterial}, failed {w.Failed}, in {w.ApiCalls} API calls");
        console.MarkupLine("[bold]Top leads as a salesperson sees them[/]");
        foreach (var record in report.Records)
        {
            console.MarkupLineInterpolated($"  {record.Name ?? record.Id}: score {record.Score}, grade {record.Grade}");
            console.MarkupLineInterpolated($"    {record.Reasons ?? string.Empty}");
        }

        console.MarkupLine("[bold]Customer segments[/]");
        foreach (var segment in report.Segments)
        {
            console.MarkupLineInterpolated($"  {segment.Id}. {segment.Name}: {N(segment.Size)} accounts");
        }

        if (report.Account is { } account)
        {
            console.MarkupLineInterpolated($"[bold]An account as its manager sees it[/] {account.Name ?? account.Id} — segment {account.Segment ?? "none"}");
            foreach (var line in (account.Recommendations ?? string.Empty).Split('\n').Take(5))
            {
                console.MarkupLineInterpolated($"    {line}");
            }
        }

        console.MarkupLineInterpolated($"[bold]Store[/] {report.Store}");
        console.MarkupLineInterpolated($"[bold]Report[/] {report.ReportPath}");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
