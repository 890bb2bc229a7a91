namespace CrmExtensions.Sandbox.Generation;

/// <summary>A person, usually working for an account.</summary>
internal sealed record Contact(
    Guid Id, string FirstName, string LastName, string? Email, string? JobTitle, string? Phone,
    Guid? AccountId, Guid OwnerId, DateTime CreatedOn, DateTime ModifiedOn);
