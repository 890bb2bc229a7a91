using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Reports.Data;

/// <summary>Reads what the pages show from the store contracts. Read-only: nothing is written.</summary>
public sealed class ReportReader(ReportSources sources, TimeProvider time, int runsToRead = 2_000)
{
    private const string WriterCalls = "writerCalls";
    private const int DriftMeasurements = 30;

    /// <summary>Reads every org's runs, records, models and segments.</summary>
    public Task<ReportData> ReadAsync(CancellationToken cancellationToken = default) => ReadAsync(countRecords: true, cancellationToken);

    /// <summary>
    /// Reads every org's runs, models and segments, and the records per entity when <paramref name="countRecords"/> is set:
    /// counting streams every record (the store contracts have no count), so pages that do not show it skip it.
    /// </summary>
    public async Task<ReportData> ReadAsync(bool countRecords, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var readAt = time.GetUtcNow();
        var runs = await sources.JobRuns.ListAsync(null, null, runsToRead, cancellationToken);
        var orgs = runs.Select(r => r.Org).Distinct().OrderBy(o => o.Value, StringComparer.Ordinal).ToList();
        var overviews = new List<OrgOverview>();
        var models = new List<ModelReport>();
        var segmentations = new List<SegmentationReport>();
        foreach (var org in orgs)
        {
            // Kept in the store's order: newest first.
            var orgRuns = runs.Where(r => r.Org == org).ToList();
            overviews.Add(await OverviewAsync(org, orgRuns, countRecords, cancellationToken));
            foreach (var versions in (await sources.Models.ListAsync(org, null, cancellationToken)).GroupBy(m => m.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var ordered = versions.OrderByDescending(v => v.Version).ToList();
                var shown = ordered.FirstOrDefault(v => v.Status == ModelStatus.Champion) ?? ordered[0];
                var details = MetricsDetails.From(shown.Metrics);
                if (sources.Drift is not null && shown.Kind != ModelKind.Segmentation && details.Drift.Count == 0)
                {
                    var measured = await sources.Drift.ListAsync(org, versions.Key, DriftMeasurements, cancellationToken);
                    details = details with
                    {
                        Drift = [.. measured.OrderBy(m => m.MeasuredAt).SelectMany(m => m.Features.Select(f => new DriftPoint(f.Field, f.Psi, m.MeasuredAt)))],
                    };
                }

                if (shown.Kind == ModelKind.Segmentation)
                {
                    segmentations.Add(new SegmentationReport(org, shown, details.Profiles));
                }
                else
                {
                    models.Add(new ModelReport(org, versions.Key, ordered, shown, details));
                }
            }
        }

        return new ReportData(readAt, overviews, models, segmentations);
    }

    private async Task<OrgOverview> OverviewAsync(OrgId org, List<JobRun> runs, bool countRecords, CancellationToken cancellationToken)
    {
        var last = runs.GroupBy(r => r.Job, StringComparer.Ordinal).Select(g => g.First()).OrderBy(r => r.Job, StringComparer.Ordinal).ToList();
        var lastSyncs = last.Where(r => IsSync(r.Job)).ToList();
        var lastWriteBacks = last.Where(r => r.Job.StartsWith("writeback:", StringComparison.Ordinal)).ToList();

        var entities = new List<EntityCount>();
        foreach (var entity in countRecords ? lastSyncs.Select(r => r.Job["sync:".Length..]) : [])
        {
            long count = 0;
            await foreach (var _ in sources.Records.ReadAsync(new RecordQuery(org, entity), cancellationToken))
            {
                count++;
            }

            entities.Add(new EntityCount(entity, CrmWords.Plural(entity), count));
        }

        var outcomes = lastWriteBacks.SelectMany(r => r.Counts).Where(c => c.Key != WriterCalls)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => new OutcomeCount(g.Key, CrmWords.Outcome(g.Key), g.Sum(c => c.Value)))
            .OrderByDescending(o => o.Records).ThenBy(o => o.Outcome, StringComparer.Ordinal).ToList();
        var recordedSyncCalls = lastSyncs.Where(r => r.Counts.ContainsKey("apiCalls")).ToList();
        return new OrgOverview(
            org,
            [.. last.Select(r => new RunRow(r.Job, CrmWords.Job(r.Job), r))],
            entities,
            runs.FirstOrDefault(r => IsSync(r.Job)),
            recordedSyncCalls.Count == 0 ? null : recordedSyncCalls.Sum(r => r.Counts["apiCalls"]),
            lastWriteBacks.Count == 0 ? null : lastWriteBacks.Sum(r => r.Counts.GetValueOrDefault(WriterCalls)),
            outcomes,
            runs.FirstOrDefault(r => r.Status == JobStatus.Failed),
            runs.FirstOrDefault(r => r.Counts.GetValueOrDefault(OrgOverview.BudgetMax) > 0 && r.Counts.ContainsKey(OrgOverview.BudgetUsed)));
    }

    private static bool IsSync(string job) => job.StartsWith("sync:", StringComparison.Ordinal);
}
