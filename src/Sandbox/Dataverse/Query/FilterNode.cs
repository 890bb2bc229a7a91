namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>A parsed <c>$filter</c> expression.</summary>
internal abstract record FilterNode;
