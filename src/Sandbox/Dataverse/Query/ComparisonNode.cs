namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary><c>property op literal</c> with op in eq ne gt ge lt le.</summary>
internal sealed record ComparisonNode(string Operator, string Property, FilterLiteral Value) : FilterNode;
