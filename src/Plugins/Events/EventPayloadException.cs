namespace CrmExtensions.Plugins.Events;

/// <summary>A payload that cannot be accepted; the message names the part and the reason, never a field value.</summary>
public sealed class EventPayloadException : Exception
{
    public EventPayloadException()
    {
    }

    public EventPayloadException(string message)
        : base(message)
    {
    }

    public EventPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
