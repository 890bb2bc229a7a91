namespace CrmExtensions.Scoring.Records;

/// <summary>
/// A CRM record in canonical form, as connectors deliver it and the store keeps it. Keyed by
/// (<see cref="Org"/>, <see cref="Entity"/>, <see cref="Id"/>): never by id alone.
/// </summary>
public sealed record CrmRecord
{
    private CrmRecord(OrgId org, string entity, string id, DateTimeOffset modifiedOn, bool deleted, IReadOnlyDictionary<string, FieldValue?> values)
    {
        Org = org;
        Entity = entity;
        Id = id;
        ModifiedOn = modifiedOn;
        Deleted = deleted;
        Values = values;
    }

    /// <summary>The organisation the record belongs to.</summary>
    public OrgId Org { get; }

    /// <summary>The entity (table/object) name, e.g. <c>lead</c> or <c>Lead</c>.</summary>
    public string Entity { get; }

    /// <summary>The record id in the source CRM, normalised (GUIDs lower case).</summary>
    public string Id { get; }

    /// <summary>When the CRM last changed the record (UTC); for a tombstone, when the deletion was seen.</summary>
    public DateTimeOffset ModifiedOn { get; }

    /// <summary>True for a tombstone: the record was deleted in the CRM.</summary>
    public bool Deleted { get; }

    /// <summary>Field values by field name (case-insensitive). A null value is a known-empty field.</summary>
    public IReadOnlyDictionary<string, FieldValue?> Values { get; }

    /// <summary>Returns the value of a field, or null when it is empty or was not read.</summary>
    public FieldValue? this[string field] => Values.TryGetValue(field, out var value) ? value : null;

    /// <summary>
    /// Creates a validated record. Throws <see cref="RecordValidationException"/> naming entity, record and field
    /// (never the value) when anything cannot be stored faithfully.
    /// </summary>
    public static CrmRecord Create(OrgId org, string entity, string id, DateTimeOffset modifiedOn, IEnumerable<KeyValuePair<string, FieldValue?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (org.Value is null)
        {
            throw new RecordValidationException(entity ?? "(null)", id, null, "the record has no organisation id");
        }

        Names.ValidateEntity(entity);
        var normalisedId = RecordId.Validate(entity, id);
        var copy = new Dictionary<string, FieldValue?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, value) in values)
        {
            Names.ValidateField(entity, normalisedId, field);
            value?.Validate(entity, normalisedId, field);
            if (!copy.TryAdd(field, value))
            {
                throw new RecordValidationException(entity, normalisedId, field, "the field appears twice (names are case-insensitive)");
            }
        }

        return new CrmRecord(org, entity, normalisedId, modifiedOn.ToUniversalTime(), deleted: false, copy);
    }

    /// <summary>Creates a tombstone: the record was deleted in the CRM at (or was seen deleted by) <paramref name="deletedOn"/>.</summary>
    public static CrmRecord Tombstone(OrgId org, string entity, string id, DateTimeOffset deletedOn)
    {
        if (org.Value is null)
        {
            throw new RecordValidationException(entity ?? "(null)", id, null, "the record has no organisation id");
        }

        Names.ValidateEntity(entity);
        var normalisedId = RecordId.Validate(entity, id);
        return new CrmRecord(org, entity, normalisedId, deletedOn.ToUniversalTime(), deleted: true, new Dictionary<string, FieldValue?>(StringComparer.OrdinalIgnoreCase));
    }
}
