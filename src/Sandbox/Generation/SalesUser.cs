namespace CrmExtensions.Sandbox.Generation;

/// <summary>A human CRM user who owns records.</summary>
internal sealed record SalesUser(Guid Id, string FirstName, string LastName, string Email, string TimeZone, int UtcOffsetMinutes);
