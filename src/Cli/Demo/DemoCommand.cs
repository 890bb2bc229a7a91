using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmExtensions.Cli.Commands;
using Spectre.Console;

namespace CrmExtensions.Cli.Demo;

/// <summary><c>crmx demo</c>: the whole loop against in-process Dataverse and/or Salesforce sandboxes and the in-process host, with a summary.</summary>
internal static class DemoCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly string[] DataverseOnly = ["dataverse"];
    private static readonly string[] SalesforceOnly = ["salesforce"];
    private static readonly string[] Both = ["dataverse", "salesforce"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var crm = new Option<string>("--crm") { Description = "Which CRM's sandbox: dataverse, salesforce or both (two orgs, one store).", DefaultValueFactory = _ => "dataverse" };
        crm.AcceptOnlyFromAmong("dataverse", "salesforce", "both");
        var scale = new Option<int>("--scale") { Description = "Leads in each sandbox; other tables are proportional.", DefaultValueFactory = _ => 2_000 };
        var seed = new Option<int>("--seed") { Description = "Sandbox data seed.", DefaultValueFactory = _ => 1 };
        var changes = new Option<int>("--changes") { Description = "Simulated user changes after the first write-back (a tenth of them, at most 50, are agents clearing a case's category).", DefaultValueFactory = _ => 200 };
        var command = new Command("demo",
            "Run the loop against local CRM sandboxes and the in-process host: install fields and webhooks, full sync, train lead, opportunity and " +
            "case models, segment accounts, recommend products, score, write back; then user changes arrive as webhooks / outbound messages " +
            "and are rescored and written back, then an incremental sync, rescore and a material-only write-back, and a refresh with no changes.")
        { crm, scale, seed, changes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(scale) is < 200 or > 1_000_000 || parse.GetValue(changes) is < 0 or > 100_000)
            {
                throw new UsageException("--scale must be 200–1,000,000 and --changes 0–100,000.");
            }

            var json = parse.GetValue(GlobalOptions.Json);
            var settings = CliSettings.Load(parse);
            var crms = parse.GetValue(crm) switch
            {
                "salesforce" => SalesforceOnly,
                "both" => Both,
                _ => DataverseOnly,
            };
            var report = await DemoProgress.RunAsync(error, json, crms, DemoLoop.PhaseCount, progress =>
                new DemoRunner(crms, parse.GetValue(scale), parse.GetValue(seed), parse.GetValue(changes), settings.Store.DataFolder, progress).RunAsync(cancellationToken));
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
        var several = report.Orgs.Count > 1;
        var phases = new Table().AddColumns("CRM", "Phase", "Records", "API calls", "Writes", "Seconds");
        foreach (var phase in report.Phases)
        {
            phases.AddRow(phase.Crm, Markup.Escape(phase.Name), N(phase.Records), N(phase.ApiCalls), N(phase.WriteCalls), phase.Seconds.ToString("0.00", CultureInfo.InvariantCulture));
        }

        console.Write(phases);
        var models = new Table().AddColumns("CRM", "Model", "Version", "Status", "Hold-out", "Why");
        foreach (var model in report.Models)
        {
            models.AddRow(model.Crm, Markup.Escape(model.Name), N(model.Version), model.Status,
                Markup.Escape(string.Join(", ", model.Metrics.Where(m => m.Key is "auc" or "prAuc" or "topDecileLift" or "rmse" or "silhouette" or "hitRate10" or "hitRate10_popularity" or "hitRate10_itemToItem" or "accuracy" or "macroF1").Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:0.###}")))),
                Markup.Escape(string.IsNullOrEmpty(model.Drift) ? model.Reason : $"{model.Reason} {model.Drift} in the last scoring run."));
        }

        console.Write(models);
        foreach (var org in report.Orgs)
        {
            var title = several ? $"{org.Crm} (org {org.Org})" : $"org {org.Org}";
            console.MarkupLineInterpolated($"[bold underline]{title}[/]");
            var w = org.WriteBack;
            console.MarkupLineInterpolated($"[bold]Write-back[/] written {w.Written}, unchanged {w.SkippedUnchanged}, immaterial {w.SkippedImmaterial}, failed {w.Failed}, in {w.ApiCalls} write calls");
            var e = org.Webhooks;
            console.MarkupLineInterpolated($"[bold]{(org.Crm == "salesforce" ? "Outbound messages" : "Webhooks")}[/] {e.Received} received, {e.Stored} stored, {e.Duplicates} duplicates, {e.IgnoredAsEcho} ignored as our own echo; the event worker scored {e.Scored} and wrote {e.Written} records{(e.Failed > 0 ? $", {e.Failed} events failed and wait for a retry" : string.Empty)}");
            console.MarkupLine("[bold]Top leads as a salesperson sees them in the CRM[/]");
            foreach (var record in report.Records.Where(r => r.Crm == org.Crm))
            {
                console.MarkupLineInterpolated($"  {record.Name ?? record.Id}: score {record.Score}, grade {record.Grade}");
                console.MarkupLineInterpolated($"    {record.Reasons ?? string.Empty}");
            }

            console.MarkupLine("[bold]Customer segments[/]");
            foreach (var segment in org.Segments)
            {
                console.MarkupLineInterpolated($"  {segment.Id}. {segment.Name}: {N(segment.Size)} accounts");
            }

            if (org.Account is { } account)
            {
                console.MarkupLineInterpolated($"[bold]An account as its manager sees it[/] {account.Name ?? account.Id} — segment {account.Segment ?? "none"}");
                foreach (var line in (account.Recommendations ?? string.Empty).Split('\n').Take(5))
                {
                    console.MarkupLineInterpolated($"    {line}");
                }
            }

            var cases = org.Cases;
            console.MarkupLineInterpolated($"[bold]Cases[/] {cases.Uncategorised} open cases saved without a category by agents; {cases.Categorised} uncategorised open cases categorised ({string.Join(", ", cases.Tiers.Select(t => $"{t.Key} {t.Value}"))}){(cases.Skipped is null ? string.Empty : $" — {cases.Skipped}")}");
            if (cases.Example is { } example)
            {
                console.MarkupLineInterpolated($"  [bold]A case as an agent sees it[/] {example.Title ?? example.Id}: category {example.Category ?? "none"}, confidence {example.Confidence?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"}, tier {example.Tier ?? "-"}");
                if (!string.IsNullOrEmpty(example.Alternatives))
                {
                    console.MarkupLineInterpolated($"    alternatives: {example.Alternatives}");
                }
            }
        }

        console.MarkupLineInterpolated($"[bold]Store[/] {report.Store}");
        console.MarkupLineInterpolated($"[bold]Report[/] {report.ReportPath}");
        console.MarkupLineInterpolated($"[bold]Took[/] {report.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
