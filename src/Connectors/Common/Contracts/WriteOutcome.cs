namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>What happened to one record's update.</summary>
public sealed record WriteOutcome(string RecordId, WriteStatus Status, string? Reason = null);
