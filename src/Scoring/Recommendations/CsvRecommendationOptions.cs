namespace CrmExtensions.Scoring.Recommendations;

/// <summary>The inputs of <c>crmx recommend</c>.</summary>
public sealed record CsvRecommendationOptions
{
    /// <summary>The transactions CSV (one order line per row, header row first).</summary>
    public required string TransactionsPath { get; init; }

    /// <summary>Where to write <c>customer,rank,item,score,reason</c>.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Header name of the customer column (--customer).</summary>
    public required string CustomerColumn { get; init; }

    /// <summary>Header name of the product column (--item).</summary>
    public required string ItemColumn { get; init; }

    /// <summary>Header name of the order date column (--date); enables the time-split evaluation and the inactive-product rule.</summary>
    public string? DateColumn { get; init; }

    /// <summary>Header name of the quantity column (--quantity); negative quantities are returns. Without it each row is one unit.</summary>
    public string? QuantityColumn { get; init; }

    /// <summary>Header name of the invoice column; invoices like "C536379" are cancellations.</summary>
    public string? InvoiceColumn { get; init; }

    /// <summary>Field separator of input and output (--separator).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Top-N (--top), --include-purchased, exclusions and the settings search.</summary>
    public RecommendationOptions Model { get; init; } = new();
}
