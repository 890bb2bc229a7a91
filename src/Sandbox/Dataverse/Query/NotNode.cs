namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary><c>not</c>.</summary>
internal sealed record NotNode(FilterNode Inner) : FilterNode;
