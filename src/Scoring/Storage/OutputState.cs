using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>
/// The current output of a field and what was last written to the CRM, so write-back can skip values that did
/// not change materially. <see cref="WrittenAt"/> is null when nothing was ever written.
/// </summary>
public sealed record OutputState(
    string Table,
    string RecordId,
    string Field,
    FieldValue? Value,
    string Model,
    int ModelVersion,
    DateTimeOffset ProducedAt,
    FieldValue? WrittenValue,
    DateTimeOffset? WrittenAt);
