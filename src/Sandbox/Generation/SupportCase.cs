namespace CrmExtensions.Sandbox.Generation;

/// <summary>
/// A support case. <see cref="Category"/> is 1..8 (see <see cref="CaseCategories"/>); <see cref="Priority"/> 1 High,
/// 2 Normal, 3 Low; <see cref="Satisfaction"/> 1 (very dissatisfied) .. 5 (very satisfied), only on resolved cases.
/// </summary>
internal sealed record SupportCase(
    Guid Id, string Number, string Title, string Description, int Category, int Priority, int Origin, int CaseType,
    int? Satisfaction, CaseState State, Guid AccountId, Guid? ContactId, Guid? ProductId, Guid OwnerId,
    string Language, DateTime CreatedOn, DateTime? ResolvedOn, DateTime ModifiedOn);
