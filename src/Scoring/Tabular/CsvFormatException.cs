namespace CrmExtensions.Scoring.Tabular;

/// <summary>
/// A CSV file (or a column of it) cannot be used. The message names the line and column and the reason and
/// never quotes a cell value (cells may be personal data).
/// </summary>
public sealed class CsvFormatException : Exception
{
    public CsvFormatException()
    {
    }

    public CsvFormatException(string message)
        : base(message)
    {
    }

    public CsvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at a line (1-based, 0 when not one line) and column.</summary>
    public CsvFormatException(string source, long line, string? column, string reason)
        : base(Describe(source, line, column, reason))
    {
        Source = source;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file (or "TRAIN"/"TEST") the problem is in.</summary>
    public new string? Source { get; }

    /// <summary>The 1-based physical line where the bad record starts, or 0 when the problem is not one line.</summary>
    public long Line { get; }

    /// <summary>The column: its header name, or its 1-based number when the header has no name for it.</summary>
    public string? Column { get; }

    /// <summary>Why the file was refused.</summary>
    public string? Reason { get; }

    private static string Describe(string source, long line, string? column, string reason)
    {
        var where = line > 0 ? $"{source}, line {line}" : source;
        return column is null ? $"{where}: {reason}" : $"{where}, column {column}: {reason}";
    }
}
