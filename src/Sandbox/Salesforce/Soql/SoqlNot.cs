namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary><c>NOT condition</c>.</summary>
internal sealed record SoqlNot(SoqlNode Inner) : SoqlNode;
