namespace CrmExtensions.Scoring.Records;

/// <summary>The canonical value types every connector maps CRM columns to.</summary>
public enum FieldType
{
    /// <summary>Single-line text.</summary>
    Text,

    /// <summary>Multi-line text (descriptions, notes, email bodies).</summary>
    LongText,

    /// <summary>Integer, decimal or floating-point number.</summary>
    Number,

    /// <summary>Yes/no.</summary>
    Bool,

    /// <summary>A point in time, always UTC.</summary>
    DateTime,

    /// <summary>A calendar date without time zone (birthdays, close dates).</summary>
    Date,

    /// <summary>A choice: numeric or code value plus its display label.</summary>
    Option,

    /// <summary>A reference to another record: id plus target entity.</summary>
    Lookup,

    /// <summary>An amount with its currency and the amount in the org's base currency.</summary>
    Money,
}
