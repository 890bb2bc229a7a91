namespace CrmExtensions.Scoring.Transactions;

/// <summary>The lines of a transactions file with interned customer and item keys.</summary>
internal sealed class TransactionSet
{
    public TransactionSet(
        IReadOnlyList<string> customers,
        IReadOnlyList<string> items,
        IReadOnlyList<TransactionLine> lines,
        bool hasDates,
        long skippedRows)
    {
        Customers = customers;
        Items = items;
        Lines = lines;
        HasDates = hasDates;
        SkippedRows = skippedRows;
    }

    /// <summary>Customer keys in order of first appearance.</summary>
    public IReadOnlyList<string> Customers { get; }

    /// <summary>Item keys in order of first appearance (empty when no item column was read).</summary>
    public IReadOnlyList<string> Items { get; }

    public IReadOnlyList<TransactionLine> Lines { get; }

    /// <summary>Whether lines carry real dates (otherwise every date is <see cref="DateTime.MinValue"/>).</summary>
    public bool HasDates { get; }

    /// <summary>Rows left out because the customer or item cell was blank.</summary>
    public long SkippedRows { get; }

    /// <summary>Builds a set from already-interned lines (tests and in-memory callers).</summary>
    public static TransactionSet FromLines(
        IReadOnlyList<string> customers, IReadOnlyList<string> items, IReadOnlyList<TransactionLine> lines, bool hasDates = true) =>
        new(customers, items, lines, hasDates, 0);
}
