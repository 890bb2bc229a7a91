namespace CrmExtensions.Sandbox.Salesforce.Outbound;

/// <summary>One record waiting to be sent (or re-sent) for one outbound message definition.</summary>
internal sealed class PendingNotification(string notificationId, int definition, Guid recordId, DateTimeOffset firstQueued)
{
    public string NotificationId { get; } = notificationId;

    public int Definition { get; } = definition;

    public Guid RecordId { get; } = recordId;

    public DateTimeOffset FirstQueued { get; } = firstQueued;

    public DateTimeOffset Due { get; set; } = firstQueued;

    public int Attempts { get; set; }
}
