namespace CrmExtensions.Plugins.Processing;

/// <summary>A distributed lock, so the same sync never runs twice at once (scheduled job and event worker alike).</summary>
public interface ISyncLock
{
    /// <summary>Acquires the named lock, waiting up to <paramref name="timeout"/>; throws <see cref="TimeoutException"/> when it cannot.</summary>
    IDisposable Acquire(string resource, TimeSpan timeout);
}
