namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>A WHERE-clause node.</summary>
internal abstract record SoqlNode;
