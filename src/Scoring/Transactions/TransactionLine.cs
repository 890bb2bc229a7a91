namespace CrmExtensions.Scoring.Transactions;

/// <summary>
/// One order line with customer, item and invoice interned to indexes into <see cref="TransactionSet"/>.
/// Cancellations carry a negative quantity and amount whatever sign the file used.
/// </summary>
internal readonly record struct TransactionLine(
    int Customer,
    int Item,
    DateTime Date,
    double Quantity,
    double Amount,
    int Invoice,
    bool IsReturn);
