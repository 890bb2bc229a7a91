using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Features;

/// <summary>How one source field becomes slots; fitted on training rows and saved with the model.</summary>
internal sealed class FeaturePlan
{
    public required string Name { get; init; }

    public required ColumnKind Kind { get; init; }

    /// <summary>Values of secured fields are never quoted in reasons.</summary>
    public bool Secured { get; init; }

    /// <summary>The training median that stands in for a missing number or date age.</summary>
    public double Fill { get; init; }

    public bool MissingIndicator { get; init; }

    /// <summary>For dates: the day ages are measured from (the as-of day, or the newest training date).</summary>
    public double ReferenceDay { get; init; }

    /// <summary>Category values with their own slot, or the words of a text field.</summary>
    public string[] Levels { get; init; } = [];

    public bool OtherLevel { get; init; }

    public int FirstSlot { get; init; }

    public int SlotCount { get; init; }
}
