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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(OrgId Org, string Spec, int Version), IReadOnlySet<string>> _fields = new();

    /// <summary>
    /// The record fields scoring with the spec's current champion reads (its features that are the record's own, and
    /// the label field); empty when the spec has no champion. Cached per champion version.
    /// </summary>
    public async Task<IReadOnlySet<string>> RecordFieldsAsync(OrgId org, ModelSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var champion = (await registry.ListAsync(org, spec.Name, cancellationToken)).FirstOrDefault(m => m.Status == ModelStatus.Champion);
        if (champion is null)
        {
            return new HashSet<string>();
        }

        var key = (org, spec.Name, champion.Version);
        if (!_fields.TryGetValue(key, out var fields))
        {
            var model = ScoringModel.Load(await registry.ReadArtifactAsync(org, spec.Name, champion.Version, cancellationToken));
            fields = _fields[key] = SpecInputs.RecordFields(spec, model.Features.Keys);
        }

        return fields;
    }

    /// <summary>
    /// Saves the drift of a sharded run from its shards' results (<see cref="ScoreJobResult.DriftCounts"/> with the
    /// version that scored): the bin counts are added up, so the PSI is what one unsharded run over the same records
    /// would measure. Nothing is saved when no shard scored, or when the shards scored with different champion versions
    /// (a retrain in the middle of the run: their bins do not add up); returns the measurement saved, or null.
    /// </summary>
    public async Task<DriftMeasurement?> SaveShardedDriftAsync(
        OrgId org, ModelSpec spec, string runId, IReadOnlyList<ShardDrift> shards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(shards);
        var scoring = shards.Where(s => s.Rows > 0).ToList();
        if (driftStore is null || scoring.Count == 0 || scoring.Select(s => s.Version).Distinct().Count() != 1)
        {
            return null;
        }

        var version = scoring[0].Version;
        var meter = ScoringModel.Load(await registry.ReadArtifactAsync(org, spec.Name, version, cancellationToken)).StartDrift();
        foreach (var shard in scoring)
        {
            meter.Add(shard.Counts);
        }

        var measurement = new DriftMeasurement(org, spec.Name, version, runId, time.GetUtcNow(), scoring.Sum(s => s.Rows), meter.Result());
        await driftStore.SaveAsync(measurement, cancellationToken);
        return measurement;
    }

    /// <summary>Scores and records the run; a spec without a champion is skipped with the reason.</summary>
    public Task<ScoreJobResult> RunAsync(OrgId org, CrmKind crm, ModelSpec spec, CancellationToken cancellationToken = default) =>
        RunAsync(org, crm, spec, ScoreScope.All, cancellationToken);

    /// <summary>Scores the records of <paramref name="scope"/> only (a shard's id range, or records reported changed).</summary>
    public Task<ScoreJobResult> RunAsync(OrgId org, CrmKind crm, ModelSpec spec, ScoreScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scope);
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
            var query = new RecordQuery(org, spec.Entity) { FromId = scope.FromId, ToId = scope.ToId, Ids = scope.RecordIds };
            await foreach (var score in SpecPipeline.ScoreAsync(records, model, spec, query, scope.RecordIds, now, drift: meter, cancellationToken: ct))
            {
                scored++;
                foreach (var output in score.ToOutputs(spec.Name, now))
                {
                    var field = catalogue.Find(crm, spec.Entity, output.Model, output.Slot)
                        ?? throw new InvalidOperationException($"The output catalogue has no field on {spec.Entity} for model '{spec.Name}' output {output.Slot}.");
                    batch.Add(new OutputValue(spec.Entity, score.RecordId, field.NameIn(crm), BatchOutputs.InCrmTerms(field, crm, output.Value), spec.Name, champion.Version, now));
                }

                if (batch.Count >= SaveBatch)
                {
                    changed += await outputs.SaveAsync(org, batch, ct);
                    batch.Clear();
                }
            }

            changed += await outputs.SaveAsync(org, batch, ct);
            var drift = scored == 0 ? [] : meter.Result();
            // Drift is stored for whole runs only: a handful of webhook records is not a population, and a shard's bin
            // counts are merged with the other shards' when the last one completes (SaveShardedDriftAsync).
            if (driftStore is not null && scored > 0 && scope == ScoreScope.All)
            {
                await driftStore.SaveAsync(new DriftMeasurement(org, spec.Name, champion.Version, run.Id, now, scored, drift), ct);
            }

            var result = new ScoreJobResult(spec.Name, champion.Version, scored, changed, null, drift)
            {
                DriftCounts = scope.IsShard ? meter.Counts() : null,
            };
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
