namespace CrmExtensions.Testing.Contracts;

/// <summary>The ids a simulated user created, updated and deleted in the CRM.</summary>
public sealed record CrmChanges(IReadOnlyList<string> Created, IReadOnlyList<string> Updated, IReadOnlyList<string> Deleted);
