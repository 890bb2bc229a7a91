using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>A value the write-back put into the CRM.</summary>
public sealed record WrittenValue(string Table, string RecordId, string Field, FieldValue? Value, DateTimeOffset WrittenAt);
