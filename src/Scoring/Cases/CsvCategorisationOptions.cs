namespace CrmExtensions.Scoring.Cases;

/// <summary>What <see cref="CsvCategorisation"/> reads and writes.</summary>
public sealed record CsvCategorisationOptions
{
    /// <summary>Labelled training cases (CSV with a header).</summary>
    public required string TrainPath { get; init; }

    /// <summary>Cases to categorise; when they carry the label, hold-out metrics are printed.</summary>
    public required string TestPath { get; init; }

    /// <summary>Where the predictions go.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The category column.</summary>
    public required string Label { get; init; }

    /// <summary>Free-text columns (subject, description, …), at least one.</summary>
    public IReadOnlyList<string> TextColumns { get; init; } = [];

    /// <summary>Optional structured columns (origin, product, …).</summary>
    public IReadOnlyList<string> FieldColumns { get; init; } = [];

    /// <summary>Field separator.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Classifier settings (tier precision targets among them).</summary>
    public CaseClassifierOptions Classifier { get; init; } = new();

    /// <summary>Optional path for the hold-out metrics document (crmx.metrics/1).</summary>
    public string? MetricsPath { get; init; }
}
