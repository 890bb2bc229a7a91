using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Metadata;

/// <summary>
/// Maps describe field types to canonical types (salesforce.md §6: <c>id, string, boolean, reference, datetime,
/// picklist, phone, email, double, textarea</c>, <c>currency</c>, <c>int</c>; custom Number(p,s) is <c>double</c>).
/// </summary>
internal static class TypeMapping
{
    /// <summary>A long text area: a textarea longer than a plain text field.</summary>
    private const int PlainTextLength = 255;

    /// <summary>The canonical type, or null for fields we do not read (compound address/location, binary, anyType).</summary>
    public static FieldType? Map(string type, int length) => type switch
    {
        "string" or "email" or "phone" or "url" or "combobox" or "encryptedstring" or "multipicklist" or "time" => FieldType.Text,
        "textarea" => length > PlainTextLength ? FieldType.LongText : FieldType.Text,
        "int" or "long" or "double" or "percent" => FieldType.Number,
        "currency" => FieldType.Money,
        "boolean" => FieldType.Bool,
        "date" => FieldType.Date,
        "datetime" => FieldType.DateTime,
        "picklist" => FieldType.Option,
        "reference" => FieldType.Lookup,
        _ => null,
    };
}
