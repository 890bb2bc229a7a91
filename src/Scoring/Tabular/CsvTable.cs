namespace CrmExtensions.Scoring.Tabular;

/// <summary>A CSV file read into memory: the header and the rows, each with the physical line it starts on.</summary>
internal sealed class CsvTable
{
    public CsvTable(string source, IReadOnlyList<string> header, List<string?[]> rows, List<long> lines)
    {
        Source = source;
        Header = header;
        Rows = rows;
        Lines = lines;
    }

    /// <summary>The name used in messages ("TRAIN", a file name).</summary>
    public string Source { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Cells per row; a blank cell is null (missing).</summary>
    public List<string?[]> Rows { get; }

    /// <summary>The 1-based line each row starts on.</summary>
    public List<long> Lines { get; }

    public int IndexOf(string column)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How a column is named in messages.</summary>
    public string ColumnName(int index) => $"'{Header[index]}'";
}
