namespace CrmExtensions.Sandbox.Generation;

/// <summary>A sellable product; <see cref="ListPrice"/> is in the base currency.</summary>
internal sealed record Product(Guid Id, string Name, string Number, string Category, decimal ListPrice, DateTime CreatedOn);
