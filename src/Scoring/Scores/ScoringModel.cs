using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Reasons;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Scoring.Scores;

/// <summary>
/// A registered version loaded for serving. Load it once (per champion) and share it: it is immutable and
/// thread-safe, so single-record calls need no engine pool, and batch scoring streams in fixed-size chunks.
/// </summary>
public sealed class ScoringModel
{
    private readonly ModelArtifact _artifact;
    private readonly HashSet<string> _secured;

    private ScoringModel(ModelArtifact artifact)
    {
        _artifact = artifact;
        _secured = new HashSet<string>(artifact.Secured, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The model (spec) name.</summary>
    public string Name => _artifact.Name;

    /// <summary>Binary or regression.</summary>
    public ModelKind Kind => _artifact.Kind;

    /// <summary>True when scores come from the little-data prior rather than a trained model.</summary>
    public bool IsPrior => _artifact.Prior is not null;

    /// <summary>What the training run said (e.g. which data is missing for a real model).</summary>
    public string Status => _artifact.Status;

    /// <summary>The fields the model reads, with their types.</summary>
    public IReadOnlyDictionary<string, FieldType> Features => _artifact.Fields;

    /// <summary>The fields left out at training, each with its rule and reason (for <c>crmx models</c>).</summary>
    public IReadOnlyList<FeatureExclusion> Exclusions => _artifact.Exclusions;

    /// <summary>What the model is: the chosen candidate, or the prior.</summary>
    public string Description => _artifact.Model?.Description ?? "little-data prior (smoothed per-value rates)";

    /// <summary>The grade cut-offs (binary).</summary>
    public GradeCutoffs? Grades => _artifact.Grades;

    /// <summary>Longest reasons text, in characters.</summary>
    public int MaxReasonsLength { get; init; } = ReasonFormatter.DefaultMaxLength;

    /// <summary>Loads an artifact as returned by <c>IModelRegistry.ReadArtifactAsync</c>.</summary>
    public static ScoringModel Load(ReadOnlySpan<byte> artifact) => new(ModelArtifact.FromBytes(artifact));

    /// <summary>Scores one record as of <paramref name="asOf"/> (usually now: dates become ages from it).</summary>
    public RecordScore Score(CrmRecord record, DateTimeOffset asOf) => Score([record], [asOf])[0];

    /// <summary>Scores a batch of records as of <paramref name="asOf"/> (one result per record, in order).</summary>
    public IReadOnlyList<RecordScore> Score(IReadOnlyList<CrmRecord> records, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(records);
        return Score(records, [.. Enumerable.Repeat(asOf, records.Count)]);
    }

    /// <summary>
    /// Scores a batch (one result per record, in order), each as of its own time; when <paramref name="asOf"/> is
    /// null, dates age from the newest training date.
    /// </summary>
    public IReadOnlyList<RecordScore> Score(IReadOnlyList<CrmRecord> records, IReadOnlyList<DateTimeOffset>? asOf = null) =>
        Score(records, asOf, drift: null);

    /// <summary>
    /// Scores a batch like <see cref="Score(IReadOnlyList{CrmRecord}, IReadOnlyList{DateTimeOffset}?)"/> and adds the
    /// batch's feature values to <paramref name="drift"/> (from <see cref="StartDrift"/>), so a run measures drift on
    /// exactly the rows it scored without building them twice.
    /// </summary>
    public IReadOnlyList<RecordScore> Score(IReadOnlyList<CrmRecord> records, IReadOnlyList<DateTimeOffset>? asOf, DriftMeter? drift)
    {
        ArgumentNullException.ThrowIfNull(records);
        var data = RecordTable.Build(records, _artifact.Fields, _secured, asOf);
        drift?.Add(data);
        var results = new RecordScore[records.Count];
        var matrix = _artifact.Model?.Features.Matrix(data);
        var labels = _artifact.FieldLabels.Count > 0 ? _artifact.FieldLabels : null;
        var binary = Kind == ModelKind.Binary;
        var grades = _artifact.Grades ?? new GradeCutoffs(75, 50, 25);
        // One scratch buffer per batch for the per-slot contributions, not two arrays per row.
        var scratch = _artifact.Model is { } fitted ? new ReasonExplainer.Scratch(fitted) : null;
        for (var row = 0; row < records.Count; row++)
        {
            var explanation = _artifact.Model is { } model
                ? ReasonExplainer.Explain(model, data, row, matrix![row], scratch!, labels)
                : _artifact.Prior!.Explain(data, row);
            if (labels is not null && _artifact.Model is null)
            {
                explanation = explanation with { Reasons = [.. explanation.Reasons.Select(r => r with { Label = labels.GetValueOrDefault(r.Field) })] };
            }

            var score = explanation.Score;
            var top = ReasonFormatter.Top(explanation.Reasons, minimumPoints: explanation.MinimumPoints);
            results[row] = new RecordScore(
                records[row].Id,
                score,
                binary ? score / 100 : null,
                binary ? grades.Grade(score) : null,
                ReasonFormatter.RenderTop(top, MaxReasonsLength),
                ReasonFormatter.TopToJson(top),
                explanation);
        }

        return results;
    }

    /// <summary>Scores a stream of records as of <paramref name="asOf"/> in chunks of <paramref name="batchSize"/>, holding one chunk in memory at a time.</summary>
    public IEnumerable<RecordScore> ScoreStream(IEnumerable<CrmRecord> records, DateTimeOffset asOf, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Iterate();

        IEnumerable<RecordScore> Iterate()
        {
            var chunk = new List<CrmRecord>(batchSize);
            foreach (var record in records)
            {
                chunk.Add(record);
                if (chunk.Count == batchSize)
                {
                    foreach (var score in Score(chunk, asOf))
                    {
                        yield return score;
                    }

                    chunk.Clear();
                }
            }

            foreach (var score in Score(chunk, asOf))
            {
                yield return score;
            }
        }
    }

    /// <summary>A drift meter against this version's training distribution, for one scoring run.</summary>
    public DriftMeter StartDrift() => new(_artifact.Baseline);

    /// <summary>PSI per field between the training records and <paramref name="scored"/>; fields at or above <paramref name="threshold"/> are drifted.</summary>
    public IReadOnlyList<FeatureDrift> Drift(IReadOnlyList<CrmRecord> scored, double threshold = 0.25) =>
        _artifact.Baseline.Compare(RecordTable.Build(scored, _artifact.Fields, _secured), threshold);
}
