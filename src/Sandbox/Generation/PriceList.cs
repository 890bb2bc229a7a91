namespace CrmExtensions.Sandbox.Generation;

/// <summary>A price list in one currency.</summary>
internal sealed record PriceList(Guid Id, string Name, Guid CurrencyId);
