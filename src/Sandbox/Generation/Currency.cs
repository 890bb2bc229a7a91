namespace CrmExtensions.Sandbox.Generation;

/// <summary>A currency; <see cref="RateToBase"/> is units of this currency per one unit of the base currency.</summary>
internal sealed record Currency(Guid Id, string Code, string Name, string Symbol, decimal RateToBase, int Precision, bool IsBase);
