namespace CrmExtensions.Scoring.Tabular;

/// <summary>Typed feature columns of a set of rows (no label).</summary>
internal sealed class TabularData
{
    private readonly Dictionary<string, TabularColumn> _byName;

    public TabularData(IReadOnlyList<TabularColumn> columns, int rowCount)
    {
        Columns = columns;
        RowCount = rowCount;
        _byName = new Dictionary<string, TabularColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            _byName[column.Name] = column;
        }
    }

    public IReadOnlyList<TabularColumn> Columns { get; }

    public int RowCount { get; }

    /// <summary>
    /// Per row, the day dates are aged from (a closed record's decision, the scoring time); null to age every
    /// row from the date plan's fixed reference day.
    /// </summary>
    public double[]? AsOfDays { get; init; }

    /// <summary>The day row <paramref name="row"/>'s dates are aged from.</summary>
    public double AgeReference(int row, double fallback) => AsOfDays is { } days && !double.IsNaN(days[row]) ? days[row] : fallback;

    public TabularColumn? Find(string name) => _byName.GetValueOrDefault(name);
}
