namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>One ORDER BY item (nulls sort first ascending, last descending, unless NULLS FIRST/LAST says otherwise).</summary>
internal sealed record SoqlOrder(string Field, bool Descending, bool NullsLast);
