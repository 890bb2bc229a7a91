namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary><c>and</c> / <c>or</c>.</summary>
internal sealed record LogicalNode(bool IsAnd, FilterNode Left, FilterNode Right) : FilterNode;
