using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Reports;

/// <summary>The store contracts the report pages read; nothing is written through them.</summary>
/// <param name="JobRuns">Job runs (sync, train, score, write-back).</param>
/// <param name="Models">The model registry.</param>
/// <param name="Records">Synced records, counted per entity.</param>
/// <param name="Drift">Drift per scoring run, when the store keeps it (null: drift is shown as not recorded).</param>
public sealed record ReportSources(IJobRunStore JobRuns, IModelRegistry Models, IRecordStore Records, IDriftStore? Drift = null);
