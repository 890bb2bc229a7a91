using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Plugins.Processing;

/// <summary>Finds the connection an org's events are processed with.</summary>
public interface IEventTargets
{
    /// <summary>The target of the org, or null when no connection that can process events is configured for it.</summary>
    Task<EventTarget?> FindAsync(OrgId org, CancellationToken cancellationToken);
}
