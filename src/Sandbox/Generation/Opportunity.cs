namespace CrmExtensions.Sandbox.Generation;

/// <summary>A sales opportunity; its stage history is in <see cref="StageChange"/>.</summary>
internal sealed record Opportunity(
    Guid Id, string Name, Guid AccountId, Guid? ContactId, Guid? LeadId, Guid CurrencyId, Guid OwnerId,
    decimal EstimatedValue, decimal? ActualValue, int CloseProbability, DateOnly EstimatedCloseDate,
    DateOnly? ActualCloseDate, DealState State, string Stage, DateTime CreatedOn, DateTime ModifiedOn);
