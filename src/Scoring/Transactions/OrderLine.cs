namespace CrmExtensions.Scoring.Transactions;

/// <summary>One order line from any source (CRM order lines or opportunity products, a CSV export).</summary>
/// <param name="Customer">Account or contact key.</param>
/// <param name="Date">Order date (UTC).</param>
/// <param name="Amount">Line amount in base currency; negative for refunds.</param>
/// <param name="Item">Product key (needed for recommendations).</param>
/// <param name="Quantity">Units; negative for returns.</param>
/// <param name="Invoice">Order or invoice number: orders are counted per invoice.</param>
/// <param name="IsCancellation">Whether the line cancels an earlier purchase (whatever the signs say).</param>
public sealed record OrderLine(
    string Customer, DateTime Date, double Amount, string? Item = null, double Quantity = 1, string? Invoice = null, bool IsCancellation = false);
