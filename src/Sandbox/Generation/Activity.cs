namespace CrmExtensions.Sandbox.Generation;

/// <summary>A task, phone call or e-mail regarding a lead (<see cref="RegardingIsLead"/>) or an account.</summary>
internal sealed record Activity(
    Guid Id, ActivityKind Kind, string Subject, bool RegardingIsLead, Guid RegardingId, Guid OwnerId,
    bool? Outgoing, bool Completed, DateTime? DueOn, DateTime? CompletedOn, DateTime CreatedOn, DateTime ModifiedOn);
