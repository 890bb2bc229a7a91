namespace CrmExtensions.Plugins.Events;

/// <summary>One record-changed notification as a CRM sent it, before routing to a connection.</summary>
/// <param name="SenderOrg">The organisation id the sender claims (Dataverse OrganizationId, Salesforce OrganizationId).</param>
/// <param name="EventKey">The sender's delivery id, repeated on redelivery (Dataverse OperationId, Salesforce Notification Id).</param>
/// <param name="Entity">Table or object name.</param>
/// <param name="RecordId">The record's id.</param>
/// <param name="Message">Create, Update, Delete, or <c>Notification</c> for Salesforce.</param>
/// <param name="CallerIds">Users who caused the change (Dataverse UserId and InitiatingUserId, Salesforce LastModifiedById when sent).</param>
public sealed record CrmEvent(string SenderOrg, string EventKey, string Entity, string RecordId, string Message, IReadOnlyList<string> CallerIds)
{
    /// <summary>
    /// The record as the event carried it, as JSON in the shape of the connector's read rows (Dataverse: the entity
    /// image as a Web API row, <see cref="Dataverse.EntityImageRow"/>; Salesforce: the sObject's fields); null when none.
    /// </summary>
    public string? Row { get; init; }
}
