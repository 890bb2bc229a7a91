using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>A record as read back from the store, with the store's change sequence number of its last write.</summary>
public sealed record StoredRecord(CrmRecord Record, long Version);
