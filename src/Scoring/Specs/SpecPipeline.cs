using System.Runtime.CompilerServices;
using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Registry;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Scoring.Specs;

/// <summary>The train and score jobs of one spec over the record store and the model registry.</summary>
public static class SpecPipeline
{
    /// <summary>
    /// Reads the spec's records (and, for point-in-time specs, its events, with the cut-off one horizon before
    /// <paramref name="now"/> so that every label window has passed), trains, and registers the version as
    /// champion or challenger.
    /// </summary>
    public static async Task<(SpecTrainingResult Result, ChampionDecision Decision)> TrainAndRegisterAsync(
        IRecordStore store, IModelRegistry registry, OrgId org, ModelSpec spec, DateTimeOffset now,
        SpecTrainingOptions? options = null, ChampionPolicy? policy = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var records = await ReadAllAsync(store, org, spec.Entity, cancellationToken);
        SpecTrainingResult result;
        if (spec.PointInTime is { } pit)
        {
            var events = await ReadAllAsync(store, org, pit.EventEntity, cancellationToken);
            var (rows, labels) = PointInTimeDataset.Build(spec, records, events, now.AddDays(-pit.HorizonDays));
            result = SpecTrainer.Train(spec, rows, labels, options, now.AddDays(-pit.HorizonDays), cancellationToken);
        }
        else
        {
            var related = await IndexRelatedAsync(store, org, spec, cancellationToken);
            // Open records are scored at `now`: the drift baseline is those records as of now (see SpecTrainingOptions.ScoringTime).
            result = SpecTrainer.Train(spec, RelatedAggregates.Add(spec, records, related, now), (options ?? new SpecTrainingOptions()) with { ScoringTime = now }, cancellationToken);
        }

        var decision = await ChampionSelector.RegisterAsync(registry, org, result, policy, time, cancellationToken);
        return (result, decision);
    }

    /// <summary>
    /// Streams scores of the spec's open records (no closed label), <paramref name="batchSize"/> at a time; for
    /// point-in-time specs every live record is scored with aggregates as of <paramref name="now"/>. When
    /// <paramref name="drift"/> is given (from <see cref="ScoringModel.StartDrift"/>), every scored row is measured.
    /// </summary>
    public static IAsyncEnumerable<RecordScore> ScoreAsync(
        IRecordStore store, ScoringModel model, OrgId org, ModelSpec spec, DateTimeOffset now, int batchSize = 1000,
        DriftMeter? drift = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return ScoreAsync(store, model, spec, new RecordQuery(org, spec.Entity), null, now, batchSize, drift, cancellationToken);
    }

    /// <summary>
    /// Like the other overload, but only over the records <paramref name="scope"/> selects (an id range, for shards) and,
    /// when <paramref name="only"/> is given, only those record ids (one record changed in the CRM).
    /// </summary>
    public static async IAsyncEnumerable<RecordScore> ScoreAsync(
        IRecordStore store, ScoringModel model, ModelSpec spec, RecordQuery scope, IReadOnlySet<string>? only, DateTimeOffset now, int batchSize = 1000,
        DriftMeter? drift = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scope);
        var org = scope.Org;
        IReadOnlyList<CrmRecord>? events = spec.PointInTime is { } pit ? await ReadAllAsync(store, org, pit.EventEntity, cancellationToken) : null;
        var related = events is null ? await IndexRelatedAsync(store, org, spec, cancellationToken) : RelatedAggregates.StartIndex(spec);
        var chunk = new List<CrmRecord>(batchSize);
        // Closed records (a label value) are left out by the store where it can, so they are not even read into memory.
        var query = scope with { Entity = spec.Entity, IncludeDeleted = false, Exclude = events is null ? ClosedRecords(spec) : null };
        await foreach (var stored in store.ReadAsync(query, cancellationToken))
        {
            var record = stored.Record;
            if (record.Deleted || (only is not null && !only.Contains(record.Id)) || (events is null && !double.IsNaN(SpecLabels.Of(spec, record))))
            {
                continue;
            }

            chunk.Add(record);
            if (chunk.Count == batchSize)
            {
                foreach (var score in Score(model, spec, chunk, events, related, now, drift))
                {
                    yield return score;
                }

                chunk.Clear();
            }
        }

        foreach (var score in Score(model, spec, chunk, events, related, now, drift))
        {
            yield return score;
        }
    }

    // Binary specs with both label lists: a record holding any listed value is closed. Without negative values every
    // non-empty label is closed, which a value list cannot say: then nothing is excluded here.
    private static RecordExclusion? ClosedRecords(ModelSpec spec) =>
        spec is { Kind: Models.ModelKind.Binary, Label: { PositiveValues.Count: > 0, NegativeValues.Count: > 0 } label }
            ? new RecordExclusion(label.Field, [.. label.PositiveValues, .. label.NegativeValues])
            : null;

    private static IReadOnlyList<RecordScore> Score(
        ScoringModel model, ModelSpec spec, List<CrmRecord> chunk, IReadOnlyList<CrmRecord>? events, RelatedIndex related, DateTimeOffset now, DriftMeter? drift)
    {
        if (chunk.Count == 0)
        {
            return [];
        }

        var rows = events is null ? RelatedAggregates.Add(spec, chunk, related, now) : PointInTimeDataset.Features(spec, chunk, events, now);
        return model.Score(rows, [.. Enumerable.Repeat(now, rows.Count)], drift);
    }

    // Streams the related tables once into an index of dates and amounts per parent: memory for the aggregates only.
    private static async Task<RelatedIndex> IndexRelatedAsync(IRecordStore store, OrgId org, ModelSpec spec, CancellationToken cancellationToken)
    {
        var index = RelatedAggregates.StartIndex(spec);
        foreach (var entity in spec.Related.Select(r => r.Entity).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await foreach (var stored in store.ReadAsync(new RecordQuery(org, entity), cancellationToken))
            {
                index.Add(stored.Record);
            }
        }

        return index;
    }

    private static async Task<List<CrmRecord>> ReadAllAsync(IRecordStore store, OrgId org, string entity, CancellationToken cancellationToken)
    {
        var records = new List<CrmRecord>();
        await foreach (var stored in store.ReadAsync(new RecordQuery(org, entity), cancellationToken))
        {
            if (!stored.Record.Deleted)
            {
                records.Add(stored.Record);
            }
        }

        return records;
    }
}
