using CrmExtensions.Plugins.Processing;
using Hangfire;
using Hangfire.Storage;

namespace CrmExtensions.Host.Jobs;

/// <summary>
/// The distributed lock of Hangfire's storage (a row lock in PostgreSQL, process-wide in memory): the same sync never
/// runs twice at once, on any server, whether a recurring job or the event worker started it.
/// </summary>
internal sealed class HangfireSyncLock(JobStorage storage) : ISyncLock
{
    public IDisposable Acquire(string resource, TimeSpan timeout)
    {
        var connection = storage.GetConnection();
        try
        {
            var handle = connection.AcquireDistributedLock(resource, timeout);
            return new Held(connection, handle);
        }
        catch (DistributedLockTimeoutException error)
        {
            connection.Dispose();
            throw new TimeoutException($"Another run holds {resource}; waited {timeout.TotalSeconds:0} s.", error);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Held(IStorageConnection connection, IDisposable handle) : IDisposable
    {
        public void Dispose()
        {
            handle.Dispose();
            connection.Dispose();
        }
    }
}
