namespace CrmExtensions.Reports.Data;

/// <summary>Records of one entity in the store.</summary>
/// <param name="Entity">The entity's logical name.</param>
/// <param name="Label">Its plural in the CRM's words ("Leads").</param>
/// <param name="Records">Live records.</param>
public sealed record EntityCount(string Entity, string Label, long Records);
