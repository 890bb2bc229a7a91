namespace CrmExtensions.Scoring.Transactions;

/// <summary>
/// A transactions file could not be read. The message names the file line and column and the reason,
/// and never contains a cell value (cells may hold personal data).
/// </summary>
public sealed class TransactionFileException : Exception
{
    public TransactionFileException()
    {
    }

    public TransactionFileException(string message)
        : base(message)
    {
    }

    public TransactionFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at a line (1-based, 0 when not at a line) and column name.</summary>
    public TransactionFileException(long line, string? column, string reason)
        : base(Describe(line, column, reason))
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The 1-based physical line where the bad row starts, or 0 when the problem is not at one line.</summary>
    public long Line { get; }

    /// <summary>The column (header name) at fault, when the problem is in one column.</summary>
    public string? Column { get; }

    /// <summary>Why the file was refused.</summary>
    public string? Reason { get; }

    private static string Describe(long line, string? column, string reason)
    {
        var where = line > 0 ? $"line {line}" : "transactions file";
        return column is null ? $"{where}: {reason}" : $"{where}, column '{Printable(column)}': {reason}";
    }

    // Column names come from the command line or the header; keep them printable and short.
    private static string Printable(string name) =>
        name.Length > 64 || name.Any(char.IsControl) ? string.Concat(name.Take(64).Where(c => !char.IsControl(c))) + "…" : name;
}
