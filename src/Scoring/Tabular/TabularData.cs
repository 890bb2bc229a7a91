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

    public TabularColumn? Find(string name) => _byName.GetValueOrDefault(name);
}
