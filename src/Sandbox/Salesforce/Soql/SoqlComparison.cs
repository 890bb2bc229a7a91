namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>
/// <c>Field op value</c>; op is one of = != &lt; &gt; &lt;= &gt;= IN NOT IN LIKE. Value is a literal (string, decimal,
/// bool, DateTime, DateOnly, null), a list of them for IN, or a compiled pattern for LIKE.
/// </summary>
internal sealed record SoqlComparison(string Field, string Op, object? Value) : SoqlNode;
