using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>A value a model produced for one output field of one record (CRM naming already applied).</summary>
public sealed record OutputValue(string Table, string RecordId, string Field, FieldValue? Value, string Model, int ModelVersion, DateTimeOffset ProducedAt);
