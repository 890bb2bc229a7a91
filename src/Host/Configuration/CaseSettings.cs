namespace CrmExtensions.Host.Configuration;

/// <summary>
/// Where a connection's case category lives (<c>Crmx:Host:Connections:N:Cases</c>); unset values keep the default
/// spec's (Dataverse <c>crmx_category</c> with <c>casetypecode</c>, Salesforce <c>CRMX_Category__c</c> with <c>Type</c>).
/// </summary>
public sealed class CaseSettings
{
    /// <summary>The person-editable field we write the category into.</summary>
    public string? CategoryField { get; set; }

    /// <summary>A field only people write (a native case type, a subject lookup): its value is always a person's label.</summary>
    public string? AgentField { get; set; }

    /// <summary>For a lookup <see cref="AgentField"/>: the looked-up table's name field (a Dataverse subject's <c>title</c>).</summary>
    public string? AgentLookupNameField { get; set; }

    /// <summary>A field by which a person confirms our value.</summary>
    public string? ConfirmationField { get; set; }
}
