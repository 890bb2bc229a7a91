using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>
/// Scores the open cases no person has categorised with the case model's champion (loaded once) and stores category,
/// confidence, tier, alternatives and categorised-on under the catalogue's fields (<c>score:{spec}</c>). Cases a person
/// set, corrected, confirmed or cleared are not scored, so the write-back never overwrites them. Writing to the CRM is
/// the write-back job's work.
/// </summary>
public sealed class CaseScoreJob(IRecordStore records, IOutputStore outputs, IModelRegistry registry, OutputCatalogue catalogue, IJobRunStore runs, TimeProvider time)
{
    /// <summary>Scores and records the run; a spec without a champion is skipped with the reason.</summary>
    public Task<CaseScoreJobResult> RunAsync(OrgId org, CrmKind crm, CaseSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JobRecorder.RecordAsync(runs, time, org, $"score:{spec.Name}", async ct =>
        {
            var champion = (await registry.ListAsync(org, spec.Name, ct)).FirstOrDefault(m => m.Status == ModelStatus.Champion);
            if (champion is null)
            {
                var skipped = new CaseScoreJobResult(spec.Name, null, 0, new Dictionary<CaseTier, long>(), 0, $"model '{spec.Name}' has no champion yet: train it first");
                return (skipped, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(), skipped.Skipped);
            }

            var classifier = CaseModelArtifact.Load(await registry.ReadArtifactAsync(org, spec.Name, champion.Version, ct));
            var labels = await CaseCategoriser.ReadLabelsAsync(records, outputs, org, spec, ct);
            var now = time.GetUtcNow();
            var batch = new BatchOutputs(outputs, catalogue, org, crm, spec.Entity, spec.Name, champion.Version, now);
            var tiers = new Dictionary<CaseTier, long>();
            long scored = 0;
            await foreach (var (recordId, prediction, produced) in CaseCategoriser.ScoreAsync(classifier, labels, spec, now, cancellationToken: ct))
            {
                scored++;
                tiers[prediction.Tier] = tiers.GetValueOrDefault(prediction.Tier) + 1;
                foreach (var output in produced)
                {
                    await batch.AddAsync(recordId, output.Slot, output.Value, ct);
                }
            }

            await batch.FlushAsync(ct);
            var result = new CaseScoreJobResult(spec.Name, champion.Version, scored, tiers, batch.Changed, null);
            var counts = new Dictionary<string, long>
            {
                ["scored"] = scored,
                ["outputsChanged"] = batch.Changed,
                ["championVersion"] = champion.Version,
                ["auto"] = tiers.GetValueOrDefault(CaseTier.Auto),
                ["suggest"] = tiers.GetValueOrDefault(CaseTier.Suggest),
                ["review"] = tiers.GetValueOrDefault(CaseTier.Review),
            };
            return (result, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)counts, (string?)null);
        }, cancellationToken);
    }
}

/// <summary>What a case scoring run did.</summary>
/// <param name="Model">The case model.</param>
/// <param name="ChampionVersion">The version that scored, or null when skipped.</param>
/// <param name="Scored">Open cases without a person's value that were scored.</param>
/// <param name="Tiers">Scored cases per tier.</param>
/// <param name="OutputsChanged">Output values that changed.</param>
/// <param name="Skipped">Why nothing was scored, or null.</param>
public sealed record CaseScoreJobResult(string Model, int? ChampionVersion, long Scored, IReadOnlyDictionary<CaseTier, long> Tiers, long OutputsChanged, string? Skipped);
