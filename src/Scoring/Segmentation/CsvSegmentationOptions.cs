namespace CrmExtensions.Scoring.Segmentation;

/// <summary>The inputs of <c>crmx segment</c>. Give either <see cref="AmountColumn"/> or both <see cref="QuantityColumn"/> and <see cref="PriceColumn"/>.</summary>
public sealed record CsvSegmentationOptions
{
    /// <summary>The transactions CSV (one order line per row, header row first).</summary>
    public required string TransactionsPath { get; init; }

    /// <summary>Where to write <c>customer,segment_id,segment_name</c>.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Header name of the customer column (--customer).</summary>
    public required string CustomerColumn { get; init; }

    /// <summary>Header name of the order date column (--date).</summary>
    public required string DateColumn { get; init; }

    /// <summary>Header name of the line amount in base currency (--amount); negative amounts are refunds.</summary>
    public string? AmountColumn { get; init; }

    /// <summary>Header name of the quantity (--quantity); negative quantities are returns.</summary>
    public string? QuantityColumn { get; init; }

    /// <summary>Header name of the unit price in base currency (--price).</summary>
    public string? PriceColumn { get; init; }

    /// <summary>Header name of the invoice number (--invoice): orders are counted per invoice, and "C…" invoices are cancellations.</summary>
    public string? InvoiceColumn { get; init; }

    /// <summary>Field separator of input and output (--separator).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>k (--k auto|N as <see cref="SegmentationOptions.FixedK"/>), seed and matching settings.</summary>
    public SegmentationOptions Model { get; init; } = new();

    /// <summary>
    /// Optional JSON file of segment definitions: read (when it exists) so a retrain keeps ids and names, then rewritten
    /// with this run's definitions.
    /// </summary>
    public string? StatePath { get; init; }
}
