namespace CrmExtensions.Scoring.Outputs;

/// <summary>
/// One value of a choice output field: the label people see, the Dataverse option value and the Salesforce
/// picklist API name.
/// </summary>
public sealed record OutputOption(string Label, int DataverseValue, string SalesforceValue);
