namespace CrmExtensions.Sandbox.Generation;

/// <summary>One product line of an order.</summary>
internal sealed record OrderLine(
    Guid Id, Guid OrderId, Guid ProductId, decimal Quantity, decimal PricePerUnit, decimal Discount, decimal ExtendedAmount);
