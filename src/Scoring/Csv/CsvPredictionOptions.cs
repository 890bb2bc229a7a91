using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Csv;

/// <summary>The settings of one <c>crmx predict</c> run.</summary>
public sealed record CsvPredictionOptions
{
    /// <summary>The labelled training file (<c>--train</c>).</summary>
    public required string TrainPath { get; init; }

    /// <summary>The file to predict (<c>--test</c>); it may lack the label column. When it has labels, the hold-out metrics are measured on it.</summary>
    public required string TestPath { get; init; }

    /// <summary>Where PREDICTIONS.csv is written (<c>--out</c>).</summary>
    public required string OutputPath { get; init; }

    /// <summary>The label column (<c>--label</c>).</summary>
    public required string Label { get; init; }

    /// <summary>The positive class value (<c>--positive</c>); every other value is negative. Chosen automatically when null.</summary>
    public string? Positive { get; init; }

    /// <summary><c>--kind</c>.</summary>
    public PredictionKind Kind { get; init; } = PredictionKind.Auto;

    /// <summary>Columns to treat as free text (<c>--text</c>).</summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>Columns not to use (<c>--ignore</c>).</summary>
    public IReadOnlyList<string> IgnoreColumns { get; init; } = [];

    /// <summary>The cell separator of both input files (<c>--separator</c>); PREDICTIONS.csv always uses a comma.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Fewest rows of the rarer class (binary) before a model is trained; below it a transparent prior scores.</summary>
    public int MinimumPerClass { get; init; } = 50;

    /// <summary>Longest reasons text per row, in characters.</summary>
    public int MaxReasonsLength { get; init; } = 2000;

    /// <summary>Longest accepted cell, in characters.</summary>
    public int MaxCellLength { get; init; } = CsvReader.DefaultMaxCellLength;

    /// <summary>The candidate search.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Feature building rules.</summary>
    public FeatureOptions Features { get; init; } = new();
}
