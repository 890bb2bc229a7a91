namespace CrmExtensions.Sandbox.Generation;

/// <summary>A prospect. <see cref="Reason"/> is a neutral status reason (see <see cref="LeadReason"/>).</summary>
internal sealed record Lead(
    Guid Id, string Topic, string FirstName, string LastName, string? Company, string? Email, string? Phone,
    int? Source, int? Industry, int? Employees, decimal? Revenue, Guid CurrencyId, Guid OwnerId,
    LeadState State, LeadReason Reason, int? Rating, Guid? AccountId, Guid? ContactId, Guid? OpportunityId,
    DateTime CreatedOn, DateTime ModifiedOn);
