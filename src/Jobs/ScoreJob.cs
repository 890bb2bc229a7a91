using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>
/// Scores the open records of one spec with its champion and stores the outputs under their catalogue field names
/// (<c>score:{spec}</c>). Writing them to the CRM is the write-back job's work. Each run measures drift (PSI per
/// feature of the rows it scored against the champion's training rows) and, given a drift store, saves it with the run.
/// </summary>
public sealed class ScoreJob(
    IRecordStore records, IModelRegistry registry, IOutputStore outputs, OutputCatalogue catalogue, IJobRunStore runs, TimeProvider time,
    IDriftStore? driftStore = null)
{
    private const int SaveBatch = 1_000;

    // A choice is stored as the CRM's own option value (Dataverse 100000000…, Salesforce picklist API name), so the
    // write-back and the comparison with what the CRM holds use the same value.
    private static FieldValue? InCrmTerms(OutputField field, CrmKind crm, FieldValue? value)
    {
        if (field.Type != OutputFieldType.Choice || value is not OptionValue option)
        {
            return value;
        }

        var choice = field.Options.FirstOrDefault(o => o.Label == option.Label || o.Label == option.Value)
            ?? throw new InvalidOperationException($"Output field {field.NameIn(crm)} has no choice labelled '{option.Label}' in the catalogue.");
        return new OptionValue(
            crm == CrmKind.Salesforce ? choice.SalesforceValue : choice.DataverseValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            choice.Label);
    }

    /// <summary>Scores and records the run; a spec without a champion is skipped with the reason.</summary>
    public Task<ScoreJobResult> RunAsync(OrgId org, CrmKind crm, ModelSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JobRecorder.RecordAsync(runs, time, org, $"score:{spec.Name}", async (run, ct) =>
        {
            var champion = (await registry.ListAsync(org, spec.Name, ct)).FirstOrDefault(m => m.Status == ModelStatus.Champion);
            if (champion is null)
            {
                var skipped = new ScoreJobResult(spec.Name, null, 0, 0, $"model '{spec.Name}' has no champion yet: train it first", []);
                return (skipped, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(), skipped.Skipped);
            }

            var model = ScoringModel.Load(await registry.ReadArtifactAsync(org, spec.Name, champion.Version, ct));
            var now = time.GetUtcNow();
            long scored = 0, changed = 0;
            var batch = new List<OutputValue>();
            var meter = model.StartDrift();
            await foreach (var score in SpecPipeline.ScoreAsync(records, model, org, spec, now, drift: meter, cancellationToken: ct))
            {
                scored++;
                foreach (var output in score.ToOutputs(spec.Name, now))
                {
                    var field = catalogue.Find(crm, spec.Entity, output.Model, output.Slot)
                        ?? throw new InvalidOperationException($"The output catalogue has no field on {spec.Entity} for model '{spec.Name}' output {output.Slot}.");
                    batch.Add(new OutputValue(spec.Entity, score.RecordId, field.NameIn(crm), InCrmTerms(field, crm, output.Value), spec.Name, champion.Version, now));
                }

                if (batch.Count >= SaveBatch)
                {
                    changed += await outputs.SaveAsync(org, batch, ct);
                    batch.Clear();
                }
            }

            changed += await outputs.SaveAsync(org, batch, ct);
            var drift = scored == 0 ? [] : meter.Result();
            if (driftStore is not null && scored > 0)
            {
                await driftStore.SaveAsync(new DriftMeasurement(org, spec.Name, champion.Version, run.Id, now, scored, drift), ct);
            }

            var result = new ScoreJobResult(spec.Name, champion.Version, scored, changed, null, drift);
            var counts = new Dictionary<string, long>
            {
                ["scored"] = scored,
                ["outputsChanged"] = changed,
                ["championVersion"] = champion.Version,
                ["driftedFeatures"] = drift.Count(d => d.Drifted),
            };
            return (result, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)counts, (string?)null);
        }, cancellationToken);
    }
}
