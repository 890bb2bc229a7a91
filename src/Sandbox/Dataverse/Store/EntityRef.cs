namespace CrmExtensions.Sandbox.Dataverse.Store;

/// <summary>The value of a lookup column: target table and record id.</summary>
internal sealed record EntityRef(string LogicalName, Guid Id);
