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

    /// <summary>Interns in-memory order lines; returns are recognised as in CSV files (negative signs, cancellation flag).</summary>
    public static TransactionSet FromOrderLines(IEnumerable<OrderLine> orderLines)
    {
        var customers = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var invoices = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = new List<TransactionLine>();
        foreach (var line in orderLines)
        {
            var isReturn = line.IsCancellation || line.Quantity < 0 || line.Amount < 0;
            lines.Add(new TransactionLine(
                Intern(customers, line.Customer),
                line.Item is null ? -1 : Intern(items, line.Item),
                line.Date,
                isReturn ? -Math.Abs(line.Quantity) : line.Quantity,
                isReturn ? -Math.Abs(line.Amount) : line.Amount,
                line.Invoice is null ? -1 : Intern(invoices, line.Invoice),
                isReturn));
        }

        return new TransactionSet(Keys(customers), Keys(items), lines, hasDates: true, skippedRows: 0);
    }

    private static int Intern(Dictionary<string, int> ids, string key)
    {
        if (!ids.TryGetValue(key, out var id))
        {
            id = ids.Count;
            ids.Add(key, id);
        }

        return id;
    }

    private static string[] Keys(Dictionary<string, int> ids)
    {
        var keys = new string[ids.Count];
        foreach (var (key, id) in ids)
        {
            keys[id] = key;
        }

        return keys;
    }
}
