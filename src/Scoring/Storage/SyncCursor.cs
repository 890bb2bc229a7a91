namespace CrmExtensions.Scoring.Storage;

/// <summary>
/// Where a sync of one entity got to: an opaque value (a Dataverse delta link, a Salesforce SystemModstamp)
/// under a stream name (<c>delta</c>, <c>modified</c>, …) so one entity can have several cursors.
/// </summary>
public sealed record SyncCursor(string Stream, string Value);
