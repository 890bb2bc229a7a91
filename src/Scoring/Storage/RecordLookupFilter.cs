namespace CrmExtensions.Scoring.Storage;

/// <summary>Records whose lookup <paramref name="Field"/> references one of <paramref name="Ids"/> (normalised record ids).</summary>
/// <param name="Field">The lookup field, as the records name it (compared case-insensitively).</param>
/// <param name="Ids">The referenced ids that keep a record in.</param>
public sealed record RecordLookupFilter(string Field, IReadOnlyCollection<string> Ids);
