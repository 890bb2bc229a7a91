using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>
/// A durable inbox of record-changed events: stored before the sender is acknowledged, claimed by workers with a
/// lease (a worker that dies releases its events when the lease ends), and completed once processed.
/// </summary>
public interface IRecordEventInbox
{
    /// <summary>Stores the events in one transaction; an event key already stored for the org is ignored. Returns how many were new.</summary>
    Task<int> EnqueueAsync(OrgId org, IReadOnlyCollection<RecordEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="max"/> pending events whose lease has ended, oldest first, leasing them until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<PendingRecordEvent>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Marks events processed with an outcome (e.g. <c>scored</c>); they are never claimed again.</summary>
    Task CompleteAsync(IReadOnlyCollection<PendingRecordEvent> events, string outcome, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>How many events are not yet processed.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken = default);
}
