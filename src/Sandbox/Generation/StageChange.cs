namespace CrmExtensions.Sandbox.Generation;

/// <summary>One move of an opportunity from one sales stage to the next.</summary>
internal sealed record StageChange(Guid Id, Guid OpportunityId, string? FromStage, string ToStage, DateTime ChangedOn);
