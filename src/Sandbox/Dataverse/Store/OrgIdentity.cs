namespace CrmExtensions.Sandbox.Dataverse.Store;

/// <summary>Who an organisation is: its URL key, ids and the application user the test client acts as.</summary>
internal sealed record OrgIdentity(string Key, string Name, Guid OrganizationId, Guid BusinessUnitId, Guid ApplicationUserId, Guid ApplicationId);
