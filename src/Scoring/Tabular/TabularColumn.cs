namespace CrmExtensions.Scoring.Tabular;

/// <summary>
/// One typed column. Numbers and dates (as days since 0001-01-01) live in <see cref="Numbers"/> with NaN for
/// missing; categories and text live in <see cref="Strings"/> with null for missing.
/// </summary>
internal sealed class TabularColumn
{
    public TabularColumn(string name, ColumnKind kind, double[]? numbers, string?[]? strings)
    {
        Name = name;
        Kind = kind;
        Numbers = numbers;
        Strings = strings;
    }

    public string Name { get; }

    public ColumnKind Kind { get; }

    public double[]? Numbers { get; }

    public string?[]? Strings { get; }

    /// <summary>A secured field: usable as a feature when allowed, but its values are never quoted in reasons.</summary>
    public bool Secured { get; init; }

    /// <summary>How category values are shown in reasons (a choice's label); null to show the values themselves.</summary>
    public string?[]? Display { get; init; }

    public int Length => Numbers?.Length ?? Strings?.Length ?? 0;

    public bool IsMissing(int row) => Numbers is not null ? double.IsNaN(Numbers[row]) : Strings![row] is null;
}
