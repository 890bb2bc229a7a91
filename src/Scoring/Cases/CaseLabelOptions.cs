namespace CrmExtensions.Scoring.Cases;

/// <summary>Where a case's category lives on the canonical record (field names in the CRM's naming).</summary>
public sealed record CaseLabelOptions
{
    /// <summary>
    /// The person-editable field we write the category into (the catalogue's category field, e.g. <c>crmx_category</c>);
    /// its value is judged against what we last wrote there.
    /// </summary>
    public required string CategoryField { get; init; }

    /// <summary>
    /// Optional field only people write (e.g. a native case type): a value there is always a person's label and
    /// takes precedence over <see cref="CategoryField"/>.
    /// </summary>
    public string? AgentField { get; init; }

    /// <summary>
    /// Optional field by which a person confirms our value: true (a yes/no field) or a value equal to the category
    /// (e.g. a native category field the agent copied our suggestion into).
    /// </summary>
    public string? ConfirmationField { get; init; }

    /// <summary>
    /// When <see cref="AgentField"/> is a lookup (a Dataverse subject), the field of the looked-up table that holds
    /// its name (the subject's <c>title</c>): the category is that name, read from the synced table. A lookup whose
    /// target is not synced keeps its id as the category.
    /// </summary>
    public string? AgentLookupNameField { get; init; }
}
