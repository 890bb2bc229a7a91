namespace CrmExtensions.Scoring.Records;

/// <summary>
/// Record ids as stored in keys. Dataverse ids are GUIDs and are compared case-insensitively, so they are
/// normalised to lower case; Salesforce ids are case-sensitive and are kept exactly as given.
/// </summary>
public static class RecordId
{
    /// <summary>Maximum length of a record id (Salesforce: 18, Dataverse: 36; CSV exports may use longer keys).</summary>
    public const int MaxLength = 255;

    /// <summary>Returns the GUID form "d" in lower case when <paramref name="id"/> is a GUID, otherwise the id unchanged.</summary>
    public static string Normalise(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Guid.TryParse(id, out var guid) ? guid.ToString("d") : id;
    }

    /// <summary>Normalises and validates a record id, naming the entity in the error.</summary>
    public static string Validate(string entity, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RecordValidationException(entity, null, null, "the record id is empty");
        }

        if (id.Length > MaxLength)
        {
            throw new RecordValidationException(entity, null, null, $"the record id is longer than {MaxLength} characters");
        }

        if (id.Any(char.IsControl))
        {
            throw new RecordValidationException(entity, null, null, "the record id contains control characters");
        }

        return Normalise(id);
    }
}
