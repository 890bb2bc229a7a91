using System.Globalization;
using System.Text;
using CrmExtensions.Reports.Data;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Reports.Html;

/// <summary>The overview page: per org, last runs, records per entity, API calls and write-back outcomes.</summary>
internal static class OverviewHtml
{
    public static string Body(ReportData data)
    {
        var html = new StringBuilder();
        html.Append("<section class=\"page\" id=\"overview\"><h2 class=\"page-title\">Overview</h2>");
        if (data.Orgs.Count == 0)
        {
            html.Append("<p>No job has run yet: there is nothing to report. Run a sync (<code>crmx sync</code>) first.</p>");
        }

        foreach (var org in data.Orgs)
        {
            Org(html, org);
        }

        return html.Append("</section>").ToString();
    }

    private static void Org(StringBuilder html, OrgOverview org)
    {
        var id = Text.Encode(org.Org.Value);
        html.Append("<article class=\"org\" data-org=\"").Append(id).Append("\"><h3>CRM org ").Append(id).Append("</h3><div class=\"cards\">");

        html.Append("<div class=\"card\" data-testid=\"last-sync\"><h4>Last sync</h4>");
        if (org.LastSync is { } sync)
        {
            html.Append("<p>").Append(Text.Encode(CrmWords.Job(sync.Job))).Append(", ").Append(Status(sync.Status)).Append("</p>");
            html.Append("<p class=\"muted\">").Append(Text.Time(sync.StartedAt)).Append(", ").Append(Text.Duration(sync.EndedAt - sync.StartedAt)).Append("</p>");
            html.Append("<p>API calls: <span class=\"figure\" data-testid=\"last-sync-api-calls\">")
                .Append(sync.Counts.TryGetValue("apiCalls", out var calls) ? Text.Count(calls) : Layout.NotRecorded).Append("</span></p>");
        }
        else
        {
            html.Append("<p>No sync has run.</p>");
        }

        html.Append("</div><div class=\"card\" data-testid=\"last-failure\"><h4>Last failed run</h4>");
        if (org.LastFailure is { } failure)
        {
            html.Append("<p>").Append(Text.Encode(CrmWords.Job(failure.Job))).Append(" at ").Append(Text.Time(failure.StartedAt)).Append("</p>");
            html.Append("<p class=\"error\" data-testid=\"last-failure-reason\">")
                .Append(failure.Error is { Length: > 0 } reason ? Text.Encode(reason) : Layout.NotRecorded).Append("</p>");
        }
        else
        {
            html.Append("<p>None: no run failed.</p>");
        }

        html.Append("</div><div class=\"card\" data-testid=\"api-use\"><h4>API calls to this CRM</h4>");
        html.Append("<p>Reads (last sync of each entity): <strong data-testid=\"sync-api-calls\">")
            .Append(org.SyncApiCalls is { } reads ? Text.Count(reads) : Layout.NotRecorded).Append("</strong></p>");
        html.Append("<p>Writes (last write-back of each table): <strong>")
            .Append(org.WriteBackApiCalls is { } writes ? Text.Count(writes) : "none: no write-back has run").Append("</strong></p>");
        Budget(html, org);
        html.Append("</div></div>");

        Runs(html, org.LastRuns);
        Records(html, org);
        WriteBack(html, org);
        html.Append("</article>");
    }

    // The allocation as the CRM last reported it during a run (Salesforce: Sforce-Limit-Info api-usage=N/MAX, a rolling
    // 24 hours). Dataverse reports no daily allocation in its responses, only service-protection headers.
    private static void Budget(StringBuilder html, OrgOverview org)
    {
        if (org.LastBudget is not { } run)
        {
            html.Append("<p>Daily API requests used: ").Append(Layout.NotRecorded)
                .Append("<br><span class=\"muted\">No run of this CRM recorded a daily allocation: Salesforce syncs record DailyApiRequests; Dataverse reports none.</span></p>");
            return;
        }

        var used = run.Counts[OrgOverview.BudgetUsed];
        var max = run.Counts[OrgOverview.BudgetMax];
        html.Append("<p>Daily API requests used: <strong data-testid=\"api-budget-used\">").Append(Text.Count(used)).Append("</strong> of <span data-testid=\"api-budget-max\">")
            .Append(Text.Count(max)).Append("</span> (").Append(((double)used / max).ToString(used * 100 < max ? "0.00%" : "0.0%", CultureInfo.InvariantCulture)).Append(")</p>");
        html.Append(Svg.Meter("api-budget", "Daily API requests used", used, max, "DailyApiRequests used in the CRM's rolling 24 hours, as it reported them during "
            + CrmWords.Job(run.Job).ToLowerInvariant() + " at " + Text.Time(run.EndedAt ?? run.StartedAt) + " (all clients of the org, not only ours)."));
    }

    private static void Runs(StringBuilder html, IReadOnlyList<RunRow> runs)
    {
        html.Append("<h3>Last run of each job</h3><table data-testid=\"runs\"><thead><tr><th>Job</th><th>Status</th><th>Started</th><th>Duration</th><th>Counts</th><th>Error or reason</th></tr></thead><tbody>");
        foreach (var row in runs)
        {
            html.Append("<tr data-job=\"").Append(Text.Encode(row.Job)).Append("\"><td>").Append(Text.Encode(row.Label)).Append("<br><code class=\"muted\">")
                .Append(Text.Encode(row.Job)).Append("</code></td><td>").Append(Status(row.Run.Status)).Append("</td><td>").Append(Text.Time(row.Run.StartedAt))
                .Append("</td><td class=\"num\">").Append(Text.Duration(row.Duration)).Append("</td><td>")
                .Append(string.Join(", ", row.Run.Counts.Select(c => $"{Text.Encode(c.Key)} {Text.Count(c.Value)}"))).Append("</td><td class=\"error\">")
                .Append(Text.Encode(row.Run.Error)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Records(StringBuilder html, OrgOverview org)
    {
        html.Append("<h3>Records in the store</h3><div class=\"charts\"><div><table data-testid=\"records\"><thead><tr><th>Entity</th><th>Records</th><th>API calls of its last sync</th></tr></thead><tbody>");
        foreach (var entity in org.RecordsPerEntity)
        {
            var sync = org.LastRuns.FirstOrDefault(r => r.Job == "sync:" + entity.Entity);
            html.Append("<tr><td>").Append(Text.Encode(entity.Label)).Append("</td><td class=\"num\">").Append(Text.Count(entity.Records)).Append("</td><td class=\"num\">")
                .Append(sync?.Run.Counts.TryGetValue("apiCalls", out var entityCalls) == true ? Text.Count(entityCalls) : Layout.NotRecorded).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
        html.Append(org.RecordsPerEntity.Count == 0
            ? Layout.MissingChart("records-per-entity", "Records per entity", "No entity has been synced.")
            : Svg.Bars("records-per-entity", "Records per entity", "records", [.. org.RecordsPerEntity.Select(e => (e.Label, (double)e.Records))], null,
                "Live (not deleted) records of each synced entity in the store."));
        var calls = org.LastRuns.Where(r => r.Job.StartsWith("sync:", StringComparison.Ordinal) && r.Run.Counts.ContainsKey("apiCalls")).ToList();
        html.Append(calls.Count == 0
            ? Layout.MissingChart("api-calls", "API calls per sync", "No sync recorded its API calls.")
            : Svg.Bars("api-calls", "API calls of the last sync of each entity", "API calls",
                [.. calls.Select(r => (CrmWords.Plural(r.Job["sync:".Length..]), (double)r.Run.Counts["apiCalls"]))], null,
                "Requests the connector made to the CRM in the last sync of each entity (retries not counted twice)."));
        html.Append("</div>");
    }

    private static void WriteBack(StringBuilder html, OrgOverview org)
    {
        html.Append("<h3>Write-back outcomes</h3>");
        if (org.WriteBack.Count == 0)
        {
            html.Append("<p>No write-back has run.</p>").Append(Layout.MissingChart("write-back-outcomes", "Write-back outcomes", "No write-back has run."));
            return;
        }

        html.Append("<div class=\"charts\"><div><table data-testid=\"write-back\"><thead><tr><th>Outcome</th><th>Records</th></tr></thead><tbody>");
        foreach (var outcome in org.WriteBack)
        {
            html.Append("<tr><td>").Append(Text.Encode(outcome.Label)).Append("</td><td class=\"num\">").Append(Text.Count(outcome.Records)).Append("</td></tr>");
        }

        html.Append("</tbody></table><p class=\"muted\">Over the last write-back of each table.</p></div>");
        html.Append(Svg.Bars("write-back-outcomes", "Write-back outcomes", "records", [.. org.WriteBack.Select(o => (o.Label, (double)o.Records))], null,
            "Records written to the CRM, skipped (and why) or failed, in the last write-back of each table."));
        html.Append("</div>");
    }

    public static string Status(JobStatus status)
    {
        var name = status.ToString().ToLowerInvariant();
        return $"<span class=\"status-{name}\">{name}</span>";
    }
}
