namespace CrmExtensions.Sandbox.Generation;

/// <summary>A sales order; amounts are in the order's currency.</summary>
internal sealed record Order(
    Guid Id, string Name, Guid AccountId, Guid? OpportunityId, Guid CurrencyId, Guid PriceListId, Guid OwnerId,
    decimal TotalAmount, OrderState State, DateTime OrderedOn, DateTime ModifiedOn);
