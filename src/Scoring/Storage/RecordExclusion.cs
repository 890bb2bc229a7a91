namespace CrmExtensions.Scoring.Storage;

/// <summary>Records whose <paramref name="Field"/> holds one of <paramref name="Values"/> (a choice's value or a trimmed text, case-insensitive).</summary>
/// <param name="Field">The field, as the records name it.</param>
/// <param name="Values">The values that leave a record out.</param>
public sealed record RecordExclusion(string Field, IReadOnlyCollection<string> Values);
