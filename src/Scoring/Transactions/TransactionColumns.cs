namespace CrmExtensions.Scoring.Transactions;

/// <summary>Which header columns hold what; only <see cref="Customer"/> is always required.</summary>
internal sealed record TransactionColumns
{
    public required string Customer { get; init; }

    public string? Item { get; init; }

    public string? Date { get; init; }

    /// <summary>Line amount in base currency (negative for refunds).</summary>
    public string? Amount { get; init; }

    public string? Quantity { get; init; }

    /// <summary>Unit price in base currency; the amount is quantity × price when no amount column is given.</summary>
    public string? Price { get; init; }

    /// <summary>Invoice number; numbers starting with "C" and a digit are cancellations (a common ERP export convention).</summary>
    public string? Invoice { get; init; }
}
