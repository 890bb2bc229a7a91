using System.Globalization;
using System.Xml.Linq;
using CrmExtensions.Scoring.Outputs;
using static CrmExtensions.Install.Salesforce.MetadataXml;

namespace CrmExtensions.Install.Salesforce;

/// <summary>
/// The CustomField source file of one catalogue field (salesforce.md §8): type, sizes and picklist values from the
/// catalogue, field history off (our values change on every scoring run), never required.
/// </summary>
internal static class CustomFieldMetadata
{
    /// <summary>Salesforce's limits: a Text field holds 255 characters; a field label 40; a field name 40 before <c>__c</c>.</summary>
    public const int TextLimit = 255;

    private const int LabelLimit = 40;
    private const int NameLimit = 40;
    private const int LongTextLimit = 131_072;

    /// <summary>The Metadata API field type the catalogue field gets.</summary>
    public static string TypeOf(OutputField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Type switch
        {
            OutputFieldType.WholeNumber or OutputFieldType.DecimalNumber => "Number",
            // Text longer than a Text field can hold is a long text area: write-back cuts values at MaxLength, which must fit.
            OutputFieldType.Text => (field.MaxLength ?? TextLimit) > TextLimit ? "LongTextArea" : "Text",
            OutputFieldType.LongText => "LongTextArea",
            OutputFieldType.Choice => "Picklist",
            OutputFieldType.DateTime => "DateTime",
            _ => throw new InstallException($"Output field {field.SalesforceObject}.{field.SalesforceName}: no Salesforce field type for {field.Type}."),
        };
    }

    /// <summary>Checks the names and sizes Salesforce would refuse, naming the field and the reason.</summary>
    public static void Validate(OutputField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var name = $"{field.SalesforceObject}.{field.SalesforceName}";
        if (!ApiName.IsValid(field.SalesforceObject))
        {
            throw new InstallException($"Output field {name}: '{field.SalesforceObject}' is not an object API name.");
        }

        if (!field.SalesforceName.EndsWith("__c", StringComparison.Ordinal) || !ApiName.IsValid(field.SalesforceName) || field.SalesforceName.Length - 3 > NameLimit)
        {
            throw new InstallException($"Output field {name}: a custom field name is letters, digits and single '_', at most {NameLimit} characters, ending in __c.");
        }

        if (!field.SalesforceName.StartsWith("CRMX_", StringComparison.Ordinal))
        {
            throw new InstallException($"Output field {name}: our Salesforce field names start with 'CRMX_' (they can never change once installed).");
        }

        if (string.IsNullOrWhiteSpace(field.DisplayName) || field.DisplayName.Length > LabelLimit)
        {
            throw new InstallException($"Output field {name}: the label must have 1 to {LabelLimit} characters (it has {field.DisplayName?.Length ?? 0}).");
        }

        if (field.MaxLength is { } length && (length < 1 || length > LongTextLimit))
        {
            throw new InstallException($"Output field {name}: MaxLength {length} is outside 1–{LongTextLimit}.");
        }

        if (field.Type == OutputFieldType.Choice && field.Options.Count == 0)
        {
            throw new InstallException($"Output field {name}: a choice field needs options.");
        }

        var (precision, _) = NumberSize(field);
        if (precision > 18)
        {
            throw new InstallException($"Output field {name}: its range needs {precision} digits, Salesforce numbers hold 18.");
        }
    }

    /// <summary>The <c>objects/&lt;Object&gt;/fields/&lt;Field&gt;.field-meta.xml</c> content.</summary>
    public static string Xml(OutputField field)
    {
        Validate(field);
        var type = TypeOf(field);
        var properties = new List<XElement>
        {
            E("description", $"Written by CrmExtensions ({field.Model}); do not edit by hand."),
            E("inlineHelpText", HelpText(field)),
            E("label", field.DisplayName),
            E("required", false),
            E("trackFeedHistory", false),
            // Field history off: our values change on every scoring run and would flood the history (issue 11).
            E("trackHistory", false),
            E("trackTrending", false),
            E("type", type),
        };
        if (type is "Text" or "Number")
        {
            properties.Add(E("externalId", false));
            properties.Add(E("unique", false));
        }

        properties.AddRange(TypeElements(field, type));
        // fullName first, then alphabetical: the order `sf project retrieve` writes.
        return Document("CustomField", E("fullName", field.SalesforceName), properties.OrderBy(p => p.Name.LocalName, StringComparer.Ordinal));
    }

    /// <summary>Digits before and after the point: Number(3,0) for scores, Number(16,2) for money (OutputFieldType).</summary>
    public static (int Precision, int Scale) NumberSize(OutputField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Type is not (OutputFieldType.WholeNumber or OutputFieldType.DecimalNumber))
        {
            return (0, 0);
        }

        var scale = field.Type == OutputFieldType.DecimalNumber ? 2 : 0;
        var bound = Math.Max(Math.Abs(field.Minimum ?? 0), Math.Abs(field.Maximum ?? 0));
        var digits = field.Minimum is null || field.Maximum is null ? 18 - scale : Math.Max(1, (int)Math.Floor(Math.Log10(Math.Max(1, bound))) + 1);
        return field.Type == OutputFieldType.WholeNumber ? (Math.Max(3, digits), 0) : (Math.Max(16, digits + scale), scale);
    }

    private static IEnumerable<XElement> TypeElements(OutputField field, string type)
    {
        switch (type)
        {
            case "Number":
                var (precision, scale) = NumberSize(field);
                yield return E("precision", precision);
                yield return E("scale", scale);
                break;
            case "Text":
                yield return E("length", field.MaxLength ?? TextLimit);
                break;
            case "LongTextArea":
                // A long text area holds at least 256 characters.
                yield return E("length", Math.Max(TextLimit + 1, field.MaxLength ?? 32_768));
                yield return E("visibleLines", field.Type == OutputFieldType.LongText ? 5 : 3);
                break;
            case "Picklist":
                // Restricted: write-back sends only the catalogue's API names (OutputOption.SalesforceValue).
                yield return E("valueSet",
                    E("restricted", true),
                    E("valueSetDefinition",
                        E("sorted", false),
                        field.Options.Select(o => E("value", E("fullName", o.SalesforceValue), E("default", false), E("label", o.Label)))));
                break;
            default:
                break;
        }
    }

    private static string HelpText(OutputField field) => field.Slot switch
    {
        OutputSlot.Score => "0–100: how likely, from the model's calibrated probability.",
        OutputSlot.Grade => "A (most likely) to D, from the score.",
        OutputSlot.Reasons => "The main factors behind the score, for and against.",
        OutputSlot.ScoredOn => "When CrmExtensions last wrote these values (UTC).",
        OutputSlot.Confidence => "0–100: how sure the model is.",
        OutputSlot.Tier => "Auto: confident; Suggest: check it; Review: needs a person.",
        OutputSlot.Category when field.PersonEditable => "Suggested by CrmExtensions; you may correct it, and your value is kept.",
        _ => string.Create(CultureInfo.InvariantCulture, $"Written by CrmExtensions ({field.Model})."),
    };
}
