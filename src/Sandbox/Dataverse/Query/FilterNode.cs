namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>A parsed <c>$filter</c> expression.</summary>
internal abstract record FilterNode;

/// <summary><c>and</c> / <c>or</c>.</summary>
internal sealed record LogicalNode(bool IsAnd, FilterNode Left, FilterNode Right) : FilterNode;

/// <summary><c>not</c>.</summary>
internal sealed record NotNode(FilterNode Inner) : FilterNode;

/// <summary><c>property op literal</c> with op in eq ne gt ge lt le.</summary>
internal sealed record ComparisonNode(string Operator, string Property, FilterLiteral Value) : FilterNode;

/// <summary><c>contains/startswith/endswith(property, 'text')</c>.</summary>
internal sealed record FunctionNode(string Function, string Property, string Argument) : FilterNode;

/// <summary>
/// A Dataverse query function such as <c>Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=['a','b'])</c>
/// or <c>Between</c> (dataverse.md §1).
/// </summary>
internal sealed record QueryFunctionNode(string Function, string Property, IReadOnlyList<string> Values) : FilterNode;

/// <summary>A literal: its kind and raw text (strings unescaped).</summary>
internal sealed record FilterLiteral(LiteralKind Kind, string Text);

/// <summary>Kinds of literals in a filter.</summary>
internal enum LiteralKind
{
    String,
    Number,
    Guid,
    DateTime,
    Boolean,
    Null,
}
