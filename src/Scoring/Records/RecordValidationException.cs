namespace CrmExtensions.Scoring.Records;

/// <summary>
/// Bad input in a record. The message names the entity, record and field and the reason, and never
/// contains a field value (values may be personal data).
/// </summary>
public sealed class RecordValidationException : Exception
{
    public RecordValidationException()
    {
    }

    public RecordValidationException(string message)
        : base(message)
    {
    }

    public RecordValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RecordValidationException(string entity, string? recordId, string? field, string reason)
        : base(Describe(entity, recordId, field, reason))
    {
        Entity = entity;
        RecordId = recordId;
        Field = field;
        Reason = reason;
    }

    /// <summary>The entity (table) of the bad record.</summary>
    public string? Entity { get; }

    /// <summary>The record id, when known.</summary>
    public string? RecordId { get; }

    /// <summary>The field, when the problem is in one field.</summary>
    public string? Field { get; }

    /// <summary>Why the input was refused.</summary>
    public string? Reason { get; }

    private static string Describe(string entity, string? recordId, string? field, string reason)
    {
        var where = recordId is null ? $"entity '{Printable(entity)}'" : $"record {Printable(entity)}/{recordId}";
        return field is null ? $"{where}: {reason}" : $"{where}, field '{Printable(field)}': {reason}";
    }

    // Entity and field names come from configuration or CRM metadata; keep them printable and short in messages.
    private static string Printable(string name) =>
        name.Length > 64 || name.Any(char.IsControl) ? string.Concat(name.Take(64).Where(c => !char.IsControl(c))) + "…" : name;
}
