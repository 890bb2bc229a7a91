using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Training;

/// <summary>One field of a <see cref="PriorModel"/>: its bins and each value's log-odds shift.</summary>
internal sealed class PriorField
{
    public required string Name { get; init; }

    public required ColumnKind Kind { get; init; }

    public bool Secured { get; init; }

    public required double[] Edges { get; init; }

    /// <summary>For dates: the newest training date, the fallback day reasons age from.</summary>
    public double ReferenceDay { get; init; }

    public required Dictionary<string, double> LogOdds { get; init; }
}
