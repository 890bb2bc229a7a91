using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>An event a worker has claimed (leased) for processing.</summary>
/// <param name="Org">The org it belongs to.</param>
/// <param name="Event">The event.</param>
/// <param name="Attempts">How many times it has been claimed, this claim included.</param>
public sealed record PendingRecordEvent(OrgId Org, RecordEvent Event, int Attempts);
