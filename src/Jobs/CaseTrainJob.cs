using System.Globalization;
using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Registry;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>
/// Trains a case model (category, priority or sentiment) on the cases people labelled and registers the version as
/// champion or challenger against the current champion on the same hold-out cases (<c>train:{spec}</c>). Too few
/// labelled cases is not a failure: the run succeeds, skipped, with how many are needed.
/// </summary>
public sealed class CaseTrainJob(IRecordStore records, IOutputStore outputs, IModelRegistry registry, IJobRunStore runs, TimeProvider time, ChampionPolicy? policy = null)
{
    /// <summary>Trains, registers and records the run.</summary>
    public Task<CaseTrainJobResult> RunAsync(OrgId org, CaseSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JobRecorder.RecordAsync(runs, time, org, $"train:{spec.Name}", async ct =>
        {
            CaseRegistrationResult result;
            try
            {
                result = await CaseRegistration.TrainAndRegisterAsync(records, outputs, registry, org, spec, policy, time, ct);
            }
            catch (NotEnoughCasesException notEnough)
            {
                var skipped = new CaseTrainJobResult(null, notEnough.Message);
                return (skipped, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(), skipped.Skipped);
            }

            var decision = result.Decision;
            var counts = new Dictionary<string, long>
            {
                ["version"] = decision.Registered.Version,
                ["trainRows"] = decision.Registered.Metrics.TrainRows,
                ["holdoutRows"] = decision.Registered.Metrics.HoldoutRows,
                [Alerts.AlertingJobRunStore.Promoted] = decision.Promoted ? 1 : 0,
                ["corrections"] = result.Labels.Corrections.Sum(c => c.Corrected + c.Cleared),
            };
            foreach (var (source, count) in result.Labels.BySource)
            {
                counts["labels" + source.ToString()] = count;
            }

            return (new CaseTrainJobResult(result, null), JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)counts, (string?)null);
        }, cancellationToken);
    }
}

/// <summary>What a case training run did.</summary>
/// <param name="Result">The registration (decision, hold-out figures, labels), or null when skipped.</param>
/// <param name="Skipped">Why nothing was trained (not enough labelled cases, with how many are needed), or null.</param>
public sealed record CaseTrainJobResult(CaseRegistrationResult? Result, string? Skipped)
{
    /// <summary>One line: version, champion or challenger and why.</summary>
    public string Summary => Result is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"v{r.Decision.Registered.Version} {(r.Decision.Promoted ? "champion" : "challenger")}: {r.Decision.Reason}")
        : $"skipped: {Skipped}";
}
