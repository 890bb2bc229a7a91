namespace CrmExtensions.Scoring.Outputs;

/// <summary>
/// Which naming scheme an output field uses. The catalogue holds each CRM's table and field names as plain data;
/// nothing in Scoring speaks a CRM protocol.
/// </summary>
public enum CrmKind
{
    /// <summary>Dataverse logical names (<c>lead</c>, <c>crmx_score</c>).</summary>
    Dataverse,

    /// <summary>Salesforce API names (<c>Lead</c>, <c>CRMX_Score__c</c>).</summary>
    Salesforce,

    /// <summary>A CSV export: the Dataverse-style names.</summary>
    Csv,
}
