using System.Xml.Linq;
using CrmExtensions.Scoring.Outputs;
using static CrmExtensions.Install.Salesforce.MetadataXml;

namespace CrmExtensions.Install.Salesforce;

/// <summary>
/// The two permission sets (salesforce.md §8: deploying a field grants nobody access to it). Readers see our fields;
/// the integration user reads every synced object (View All, so a sync is complete) and its feature fields, and edits
/// our fields only.
/// </summary>
internal static class PermissionSetMetadata
{
    public const string Readers = "CRMX_Readers";

    public const string Integration = "CRMX_Integration";

    /// <summary>Objects whose standard fields cannot carry field permissions in a permission set (their access is the object's).</summary>
    private static readonly HashSet<string> NoFieldPermissions = new(StringComparer.Ordinal) { "OrderItem", "Task" };

    public static string ReadersXml(OutputCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return Document("PermissionSet",
            E("description", "Read CrmExtensions' scores, grades, reasons, segments, recommendations and case suggestions."),
            OurFields(catalogue).Select(f => FieldPermission(f, editable: false)),
            E("hasActivationRequired", false),
            E("label", "CrmExtensions readers"));
    }

    public static string IntegrationXml(OutputCatalogue catalogue, IReadOnlyList<string> syncedObjects, Func<string, IReadOnlyList<StandardField>> featureFields, bool modifyAll)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(syncedObjects);
        ArgumentNullException.ThrowIfNull(featureFields);
        var written = catalogue.Fields.Select(f => f.SalesforceObject).ToHashSet(StringComparer.Ordinal);
        var objects = syncedObjects.Concat(written).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var readable = objects
            .Where(o => !NoFieldPermissions.Contains(o))
            .SelectMany(featureFields)
            .Where(f => !f.Required)
            .Select(f => $"{f.Object}.{f.Name}")
            .Except(OurFields(catalogue), StringComparer.Ordinal)
            .Distinct(StringComparer.Ordinal);
        var fields = OurFields(catalogue).Select(f => FieldPermission(f, editable: true))
            .Concat(readable.Select(f => FieldPermission(f, editable: false)))
            .OrderBy(e => e.Element(Ns + "field")!.Value, StringComparer.Ordinal);
        return Document("PermissionSet",
            E("description", "For the CrmExtensions integration user only: read synced records, write CrmExtensions' fields."),
            fields,
            E("hasActivationRequired", false),
            E("label", "CrmExtensions integration"),
            objects.Select(o => ObjectPermission(o, edit: written.Contains(o), modifyAll && written.Contains(o))),
            // API Enabled for REST/Bulk calls; View Setup and Configuration so /limits answers (salesforce.md §5).
            E("userPermissions", E("enabled", true), E("name", "ApiEnabled")),
            E("userPermissions", E("enabled", true), E("name", "ViewSetup")));
    }

    /// <summary><c>Object.Field</c> of every catalogue field, sorted.</summary>
    public static IEnumerable<string> OurFields(OutputCatalogue catalogue) =>
        catalogue.Fields.Select(f => $"{f.SalesforceObject}.{f.SalesforceName}").Order(StringComparer.Ordinal);

    private static XElement FieldPermission(string field, bool editable) =>
        E("fieldPermissions", E("editable", editable), E("field", field), E("readable", true));

    // Edit only where we write: our fields need the object's edit right. Editing records not shared with the user
    // needs Modify All, which Salesforce grants only with Delete: opt-in (--modify-all), else sharing must allow it.
    private static XElement ObjectPermission(string objectName, bool edit, bool modifyAll) =>
        E("objectPermissions",
            E("allowCreate", false),
            E("allowDelete", modifyAll),
            E("allowEdit", edit),
            E("allowRead", true),
            E("modifyAllRecords", modifyAll),
            E("object", objectName),
            // View All: a sync must see every record, not only those shared with the user (salesforce.md §2d).
            E("viewAllRecords", true));
}
