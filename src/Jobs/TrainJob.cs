using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Registry;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>Trains one model spec and registers the version as champion or challenger (<c>train:{spec}</c>).</summary>
public sealed class TrainJob(IRecordStore records, IModelRegistry registry, IJobRunStore runs, TimeProvider time)
{
    /// <summary>Trains, registers and records the run.</summary>
    public Task<ChampionDecision> RunAsync(OrgId org, ModelSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JobRecorder.RecordAsync(runs, time, org, $"train:{spec.Name}", async ct =>
        {
            var (result, decision) = await SpecPipeline.TrainAndRegisterAsync(records, registry, org, spec, time.GetUtcNow(), time: time, cancellationToken: ct);
            var counts = new Dictionary<string, long>
            {
                ["version"] = decision.Registered.Version,
                ["trainRows"] = decision.Registered.Metrics.TrainRows,
                ["holdoutRows"] = decision.Registered.Metrics.HoldoutRows,
                [Alerts.AlertingJobRunStore.Promoted] = decision.Promoted ? 1 : 0,
            };
            return (decision, Scoring.Storage.JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)counts, (string?)null);
        }, cancellationToken);
    }
}
