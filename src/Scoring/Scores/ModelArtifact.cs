using System.Text.Json;
using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Scores;

/// <summary>
/// What the registry stores for a version (JSON, "crmx.tabular/1"): the fields read from records, the model or
/// the little-data prior, grade cut-offs and the training distribution for drift. Serving needs nothing else.
/// </summary>
internal sealed class ModelArtifact
{
    public const string CurrentFormat = "crmx.tabular/1";

    public string Format { get; init; } = CurrentFormat;

    public required string Name { get; init; }

    public required ModelKind Kind { get; init; }

    public required Dictionary<string, FieldType> Fields { get; init; }

    public string[] Secured { get; init; } = [];

    public Dictionary<string, string> FieldLabels { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public FeatureExclusion[] Exclusions { get; init; } = [];

    public TabularModel? Model { get; init; }

    public PriorModel? Prior { get; init; }

    public GradeCutoffs? Grades { get; init; }

    public required DriftBaseline Baseline { get; init; }

    public string Status { get; init; } = "";

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, JsonDefaults.Options);

    public static ModelArtifact FromBytes(ReadOnlySpan<byte> bytes)
    {
        var artifact = JsonSerializer.Deserialize<ModelArtifact>(bytes, JsonDefaults.Options) ?? throw new JsonException("The model artifact is empty.");
        return artifact.Format == CurrentFormat ? artifact : throw new JsonException($"Model artifact format '{artifact.Format}' is not '{CurrentFormat}'.");
    }
}
