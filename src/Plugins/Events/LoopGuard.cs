namespace CrmExtensions.Plugins.Events;

/// <summary>
/// Loops are prevented by identity, not by depth (ARCHITECTURE.md): an event caused by our own application or
/// integration user is our own write-back echoing and is ignored. Dataverse <c>Depth</c> does not grow across external writes.
/// </summary>
public static class LoopGuard
{
    /// <summary>True when any caller of the event is one of our own users.</summary>
    public static bool IsOwnChange(CrmEvent crmEvent, IReadOnlyCollection<string> ownUserIds)
    {
        ArgumentNullException.ThrowIfNull(crmEvent);
        ArgumentNullException.ThrowIfNull(ownUserIds);
        return crmEvent.CallerIds.Any(caller => ownUserIds.Any(own => SameId(caller, own)));
    }

    // GUIDs compare case-insensitively; Salesforce ids compare on their case-sensitive 15-character form.
    internal static bool SameId(string a, string b)
    {
        if (Guid.TryParse(a, out var ga) && Guid.TryParse(b, out var gb))
        {
            return ga == gb;
        }

        return a.Length >= 15 && b.Length >= 15 ? string.Equals(a[..15], b[..15], StringComparison.Ordinal) : string.Equals(a, b, StringComparison.Ordinal);
    }
}
