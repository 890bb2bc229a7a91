using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Outputs;

/// <summary>All output fields to write to one record, in one update.</summary>
public sealed record RecordUpdate(string Table, string RecordId, IReadOnlyDictionary<string, FieldValue?> Fields);
