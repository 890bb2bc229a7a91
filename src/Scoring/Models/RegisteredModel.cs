using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Models;

/// <summary>One version of a model in the registry (without its artifact, which is read separately).</summary>
public sealed record RegisteredModel
{
    /// <summary>The org the model was trained for.</summary>
    public required OrgId Org { get; init; }

    /// <summary>The model (spec) name.</summary>
    public required string Name { get; init; }

    /// <summary>The version, 1, 2, … per org and name; assigned by the registry.</summary>
    public int Version { get; init; }

    /// <summary>The model kind.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>Champion, challenger or retired.</summary>
    public ModelStatus Status { get; init; } = ModelStatus.Challenger;

    /// <summary>Why it has its status ("AUC 0.81 ≥ 0.95 × champion's 0.80 on the same hold-out").</summary>
    public string? StatusReason { get; init; }

    /// <summary>When training finished.</summary>
    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>Rows the model trained on.</summary>
    public required long Rows { get; init; }

    /// <summary>The ML.NET version that trained it (a model zip loads only with a compatible version).</summary>
    public required string MlNetVersion { get; init; }

    /// <summary>The hold-out metrics.</summary>
    public required ModelMetrics Metrics { get; init; }
}
