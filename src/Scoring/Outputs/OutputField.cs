namespace CrmExtensions.Scoring.Outputs;

/// <summary>
/// One field we write, declared once. Packages, write-back mappings and feature selection all read this.
/// </summary>
/// <param name="Entity">The neutral entity key: lead, opportunity, account, contact or case.</param>
/// <param name="Key">The neutral field key, unique per entity (e.g. <c>churn_score</c>).</param>
/// <param name="DisplayName">The label admins and salespeople see.</param>
/// <param name="Type">The column type.</param>
/// <param name="Model">The model (spec name) whose output fills it.</param>
/// <param name="Slot">Which output of that model.</param>
/// <param name="DataverseTable">Dataverse table logical name.</param>
/// <param name="DataverseName">Dataverse column logical name (publisher prefix <c>crmx_</c>).</param>
/// <param name="SalesforceObject">Salesforce object API name.</param>
/// <param name="SalesforceName">Salesforce field API name.</param>
public sealed record OutputField(
    string Entity,
    string Key,
    string DisplayName,
    OutputFieldType Type,
    string Model,
    OutputSlot Slot,
    string DataverseTable,
    string DataverseName,
    string SalesforceObject,
    string SalesforceName)
{
    /// <summary>Maximum text length (text types), or null.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Smallest allowed number (number types), or null.</summary>
    public double? Minimum { get; init; }

    /// <summary>Largest allowed number (number types), or null.</summary>
    public double? Maximum { get; init; }

    /// <summary>The choices of a <see cref="OutputFieldType.Choice"/> field.</summary>
    public IReadOnlyList<OutputOption> Options { get; init; } = [];

    /// <summary>
    /// True when a person may also set this field (a case category): it is written only when empty or when the
    /// last value in it was written by us.
    /// </summary>
    public bool PersonEditable { get; init; }

    /// <summary>The table name in the given CRM's naming.</summary>
    public string TableIn(CrmKind crm) => crm == CrmKind.Salesforce ? SalesforceObject : DataverseTable;

    /// <summary>The field name in the given CRM's naming.</summary>
    public string NameIn(CrmKind crm) => crm == CrmKind.Salesforce ? SalesforceName : DataverseName;
}
