namespace CrmExtensions.Scoring.Records;

/// <summary>
/// One typed value of a record. A field that is present with a <c>null</c> value in
/// <see cref="CrmRecord.Values"/> is known to be empty in the CRM; an absent field was not read.
/// </summary>
public abstract record FieldValue
{
    private protected FieldValue()
    {
    }

    /// <summary>The canonical type of this value.</summary>
    public abstract FieldType Type { get; }

    /// <summary>Checks the value can be stored faithfully; throws naming entity, record and field but not the value.</summary>
    public void ValidateFor(string entity, string recordId, string field) => Validate(entity, recordId, field);

    /// <summary>Checks the value can be stored faithfully; throws naming entity, record and field but not the value.</summary>
    internal virtual void Validate(string entity, string recordId, string field)
    {
    }

    private protected static void ValidateText(string? text, string entity, string recordId, string field)
    {
        if (text is null)
        {
            throw new RecordValidationException(entity, recordId, field, "a text value is null; use a null field value instead");
        }

        // PostgreSQL text cannot hold U+0000 and neither CRM allows it; refuse rather than silently drop it.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new RecordValidationException(entity, recordId, field, "the text contains a NUL (U+0000) character");
        }
    }
}

/// <summary>Single-line text.</summary>
public sealed record TextValue(string Value) : FieldValue
{
    /// <inheritdoc />
    public override FieldType Type => FieldType.Text;

    internal override void Validate(string entity, string recordId, string field) => ValidateText(Value, entity, recordId, field);
}

/// <summary>Multi-line text; never truncated.</summary>
public sealed record LongTextValue(string Value) : FieldValue
{
    /// <inheritdoc />
    public override FieldType Type => FieldType.LongText;

    internal override void Validate(string entity, string recordId, string field) => ValidateText(Value, entity, recordId, field);
}

/// <summary>A finite number.</summary>
public sealed record NumberValue(double Value) : FieldValue
{
    /// <inheritdoc />
    public override FieldType Type => FieldType.Number;

    internal override void Validate(string entity, string recordId, string field)
    {
        if (!double.IsFinite(Value))
        {
            throw new RecordValidationException(entity, recordId, field, "the number is not finite (NaN or infinity)");
        }
    }
}

/// <summary>Yes/no.</summary>
public sealed record BoolValue(bool Value) : FieldValue
{
    /// <inheritdoc />
    public override FieldType Type => FieldType.Bool;
}

/// <summary>A point in time. The constructor keeps the instant and normalises the offset to UTC.</summary>
public sealed record DateTimeValue : FieldValue
{
    public DateTimeValue(DateTimeOffset value) => Value = value.ToUniversalTime();

    /// <summary>The instant, with offset zero.</summary>
    public DateTimeOffset Value { get; }

    /// <inheritdoc />
    public override FieldType Type => FieldType.DateTime;

    /// <summary>
    /// Converts a <see cref="DateTime"/>; one of unspecified kind is refused because its instant is unknown.
    /// </summary>
    public static DateTimeValue FromDateTime(DateTime value, string entity, string recordId, string field) =>
        value.Kind switch
        {
            DateTimeKind.Utc => new DateTimeValue(new DateTimeOffset(value)),
            DateTimeKind.Local => new DateTimeValue(new DateTimeOffset(value)),
            _ => throw new RecordValidationException(
                entity, recordId, field, "a date-time without a time zone (DateTimeKind.Unspecified) cannot be stored as an instant"),
        };
}

/// <summary>A calendar date without time zone.</summary>
public sealed record DateValue(DateOnly Value) : FieldValue
{
    /// <inheritdoc />
    public override FieldType Type => FieldType.Date;
}

/// <summary>A choice value (Dataverse option set value, Salesforce picklist API value) and its display label.</summary>
public sealed record OptionValue(string Value, string? Label) : FieldValue
{
    /// <inheritdoc />
    public override FieldType Type => FieldType.Option;

    internal override void Validate(string entity, string recordId, string field)
    {
        ValidateText(Value, entity, recordId, field);
        if (Label is not null)
        {
            ValidateText(Label, entity, recordId, field);
        }
    }
}

/// <summary>A reference to another record.</summary>
public sealed record LookupValue(string Id, string TargetEntity) : FieldValue
{
    /// <summary>The referenced id, normalised like every record id.</summary>
    public string Id { get; } = Id is null ? null! : RecordId.Normalise(Id);

    /// <inheritdoc />
    public override FieldType Type => FieldType.Lookup;

    internal override void Validate(string entity, string recordId, string field)
    {
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > RecordId.MaxLength)
        {
            throw new RecordValidationException(entity, recordId, field, "the lookup id is empty or too long");
        }

        if (TargetEntity is null)
        {
            throw new RecordValidationException(entity, recordId, field, "the lookup has no target entity");
        }

        Names.ValidateEntity(TargetEntity);
    }
}

/// <summary>
/// An amount in a transaction currency, with the same amount in the organisation's base currency when the CRM
/// provides it. Models use <see cref="BaseAmount"/>, so amounts in different currencies compare.
/// </summary>
public sealed record MoneyValue(decimal Amount, string Currency, decimal? BaseAmount) : FieldValue
{
    /// <inheritdoc />
    public override FieldType Type => FieldType.Money;

    internal override void Validate(string entity, string recordId, string field)
    {
        if (Currency is null || Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            throw new RecordValidationException(entity, recordId, field, "the currency is not a three-letter upper-case ISO 4217 code");
        }
    }
}
