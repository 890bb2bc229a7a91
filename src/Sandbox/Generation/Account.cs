namespace CrmExtensions.Sandbox.Generation;

/// <summary>A customer company.</summary>
internal sealed record Account(
    Guid Id, string Name, int? Industry, int? Employees, decimal? Revenue, Guid CurrencyId, Guid OwnerId,
    string? City, string Country, int UtcOffsetMinutes, int? Category, string? Phone, string? Website,
    DateTime CreatedOn, DateTime ModifiedOn);
