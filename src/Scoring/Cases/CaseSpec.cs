using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// A text model on cases: which table, which free-text and structured fields it reads, and where its labels live.
/// Category, priority and sentiment are all specs of this one shape, trained and scored by the same code.
/// </summary>
public sealed record CaseSpec
{
    /// <summary>The model name (for the category model, <see cref="DefaultModels.CaseCategory"/>, whose outputs the catalogue maps).</summary>
    public required string Name { get; init; }

    /// <summary>The case table in the CRM's naming.</summary>
    public required string Entity { get; init; }

    /// <summary>Free-text fields, e.g. subject and description.</summary>
    public required IReadOnlyList<string> TextFields { get; init; }

    /// <summary>Optional structured fields (origin, product).</summary>
    public IReadOnlyList<string> StructuredFields { get; init; } = [];

    /// <summary>Where labels come from and how their provenance is judged.</summary>
    public required CaseLabelOptions Labels { get; init; }

    /// <summary>Classifier settings (tier targets among them).</summary>
    public CaseClassifierOptions Classifier { get; init; } = new();

    /// <summary>
    /// Optional state field: when set, only cases whose state is one of <see cref="OpenStates"/> are scored
    /// (Dataverse <c>statecode</c> 0, Salesforce <c>IsClosed</c> false). A case whose state is not synced counts as open.
    /// </summary>
    public string? StateField { get; init; }

    /// <summary>States of an open case, compared with a choice's value or label, or a field's text.</summary>
    public IReadOnlyList<string> OpenStates { get; init; } = [];

    /// <summary>True when the case is open (or no state field is configured).</summary>
    public bool IsOpen(Records.CrmRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (StateField is null)
        {
            return true;
        }

        return record[StateField] switch
        {
            null => true,
            Records.OptionValue o => OpenStates.Contains(o.Value, StringComparer.OrdinalIgnoreCase) || (o.Label is { } l && OpenStates.Contains(l, StringComparer.OrdinalIgnoreCase)),
            var other => LabelProvenance.Text(other) is not { } text || OpenStates.Contains(text, StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>Reads a case from a record.</summary>
    public CaseInput InputOf(Records.CrmRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CaseInput([.. TextFields.Select(f => LabelProvenance.Text(record[f]))], [.. StructuredFields.Select(f => LabelProvenance.Text(record[f]))]);
    }
}
