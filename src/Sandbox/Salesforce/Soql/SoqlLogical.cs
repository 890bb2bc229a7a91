namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary><c>left AND right</c> or <c>left OR right</c>.</summary>
internal sealed record SoqlLogical(bool IsAnd, SoqlNode Left, SoqlNode Right) : SoqlNode;
