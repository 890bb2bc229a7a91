namespace CrmExtensions.Scoring.Transactions;

/// <summary>Reads a transactions CSV into a <see cref="TransactionSet"/>, refusing bad input with line and column.</summary>
internal static class TransactionLoader
{
    public static async Task<TransactionSet> LoadAsync(string path, TransactionColumns columns, char separator, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new TransactionFileException(0, null, "the file does not exist");
        }

        // The CSV reader is synchronous; run it off the caller's thread so a CLI can still react to cancellation.
        return await Task.Run(
            () =>
            {
                using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
                return Load(reader, columns, separator, ct);
            },
            ct);
    }

    public static TransactionSet Load(TextReader reader, TransactionColumns columns, char separator, CancellationToken ct = default)
    {
        using var rows = CsvReader.Read(reader, separator).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new TransactionFileException(0, null, "the file is empty (no header row)");
        }

        var header = rows.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var map = new ColumnMap(header);
        var customerAt = map.Require(columns.Customer, "--customer");
        var itemAt = map.Optional(columns.Item, "--item");
        var dateAt = map.Optional(columns.Date, "--date");
        var amountAt = map.Optional(columns.Amount, "--amount");
        var quantityAt = map.Optional(columns.Quantity, "--quantity");
        var priceAt = map.Optional(columns.Price, "--price");
        var invoiceAt = map.Optional(columns.Invoice, "--invoice");

        var customers = new Interner();
        var items = new Interner();
        var invoices = new Interner();
        var lines = new List<TransactionLine>();
        long skipped = 0;
        var rowCount = 0L;

        while (rows.MoveNext())
        {
            if ((++rowCount & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var row = rows.Current;
            if (row.Fields.Length != header.Length)
            {
                throw new TransactionFileException(
                    row.Line, null, $"the row has {row.Fields.Length} fields but the header has {header.Length}");
            }

            var customerKey = row.Fields[customerAt].Trim();
            var itemKey = itemAt >= 0 ? row.Fields[itemAt].Trim() : string.Empty;
            if (customerKey.Length == 0 || (itemAt >= 0 && itemKey.Length == 0))
            {
                if (customerKey.Length > 0)
                {
                    // The customer still gets output rows (popular items), as every customer in the file must.
                    customers.Intern(customerKey);
                }

                skipped++;
                continue;
            }

            var date = dateAt >= 0 ? ParseDate(row, dateAt, header) : DateTime.MinValue;
            var quantity = quantityAt >= 0 ? ParseNumber(row, quantityAt, header) : 1.0;
            double amount;
            if (amountAt >= 0)
            {
                amount = ParseNumber(row, amountAt, header);
            }
            else if (priceAt >= 0)
            {
                amount = quantity * Math.Abs(ParseNumber(row, priceAt, header));
            }
            else
            {
                amount = double.NaN;
            }

            var invoiceKey = invoiceAt >= 0 ? row.Fields[invoiceAt].Trim() : string.Empty;
            var isReturn = quantity < 0 || amount < 0 || IsCancellationInvoice(invoiceKey);
            if (isReturn)
            {
                quantity = -Math.Abs(quantity);
                amount = -Math.Abs(amount);
            }

            lines.Add(new TransactionLine(
                customers.Intern(customerKey),
                itemAt >= 0 ? items.Intern(itemKey) : -1,
                date,
                quantity,
                amount,
                invoiceKey.Length > 0 ? invoices.Intern(invoiceKey) : -1,
                isReturn));
        }

        if (rowCount == 0)
        {
            throw new TransactionFileException(0, null, "the file has a header but no data rows");
        }

        if (lines.Count == 0)
        {
            throw new TransactionFileException(0, columns.Customer, "every row has a blank customer or item");
        }

        return new TransactionSet(customers.Keys, items.Keys, lines, dateAt >= 0, skipped);
    }

    /// <summary>"C536379": a cancellation in the Online-Retail style export convention; plain ids such as "CUST-1" are not.</summary>
    internal static bool IsCancellationInvoice(string invoice) =>
        invoice.Length >= 2 && (invoice[0] is 'C' or 'c') && char.IsAsciiDigit(invoice[1]);

    private static DateTime ParseDate(CsvRow row, int at, string[] header) =>
        CsvValueParser.TryParseDate(row.Fields[at], out var value)
            ? value
            : throw new TransactionFileException(
                row.Line, header[at], row.Fields[at].Trim().Length == 0 ? "the date is empty" : "the date cannot be read (use ISO 8601, e.g. 2024-03-31)");

    private static double ParseNumber(CsvRow row, int at, string[] header) =>
        CsvValueParser.TryParseNumber(row.Fields[at], out var value)
            ? value
            : throw new TransactionFileException(
                row.Line, header[at], row.Fields[at].Trim().Length == 0 ? "the number is empty" : "the value is not a number ('.' is the decimal point)");

    private sealed class ColumnMap(string[] header)
    {
        public int Require(string name, string option) =>
            Optional(name, option) is var at and >= 0
                ? at
                : throw new TransactionFileException(1, name, $"the column named by {option} is not in the header");

        public int Optional(string? name, string option)
        {
            if (name is null)
            {
                return -1;
            }

            var at = Array.FindIndex(header, h => string.Equals(h, name.Trim(), StringComparison.OrdinalIgnoreCase));
            return at >= 0 ? at : throw new TransactionFileException(1, name, $"the column named by {option} is not in the header");
        }
    }

    private sealed class Interner
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public List<string> Keys { get; } = [];

        public int Intern(string key)
        {
            if (!_ids.TryGetValue(key, out var id))
            {
                id = Keys.Count;
                _ids.Add(key, id);
                Keys.Add(key);
            }

            return id;
        }
    }
}
