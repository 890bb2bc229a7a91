namespace CrmExtensions.Sandbox.Generation;

/// <summary>The price of one product in one price list.</summary>
internal sealed record PriceListItem(Guid Id, Guid PriceListId, Guid ProductId, decimal Amount);
