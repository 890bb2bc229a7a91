namespace CrmExtensions.Scoring.Storage;

/// <summary>
/// A hint that one record changed in the CRM (a webhook or outbound message), kept until a worker has rescored it.
/// </summary>
/// <param name="EventKey">The sender's id of the delivery (redeliveries repeat it), used to de-duplicate.</param>
/// <param name="Entity">The table or object, e.g. <c>lead</c>.</param>
/// <param name="RecordId">The record's id.</param>
/// <param name="ReceivedAt">When the host received it.</param>
public sealed record RecordEvent(string EventKey, string Entity, string RecordId, DateTimeOffset ReceivedAt)
{
    /// <summary>
    /// The record as the event carried it (a Dataverse entity image, a Salesforce outbound-message sObject), as JSON in
    /// the shape of the connector's read rows; null when the event carried none. Holds field values: the inbox drops it
    /// once the event is processed.
    /// </summary>
    public string? Row { get; init; }
}
