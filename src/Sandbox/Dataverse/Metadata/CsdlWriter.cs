using System.Xml.Linq;

namespace CrmExtensions.Sandbox.Dataverse.Metadata;

/// <summary>
/// A minimal <c>$metadata</c> CSDL document: entity types with key and properties, entity sets, and with
/// <c>?annotations=true</c> the change-tracking annotation of dataverse.md §2.
/// </summary>
internal static class CsdlWriter
{
    private static readonly XNamespace Edmx = "http://docs.oasis-open.org/odata/ns/edmx";
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    public static string Write(IEnumerable<TableDef> tables, bool annotations)
    {
        var list = tables.OrderBy(t => t.LogicalName, StringComparer.Ordinal).ToList();
        var schema = new XElement(Edm + "Schema", new XAttribute("Namespace", "Microsoft.Dynamics.CRM"), new XAttribute("Alias", "mscrm"));
        foreach (var t in list)
        {
            var type = new XElement(Edm + "EntityType", new XAttribute("Name", t.LogicalName),
                new XElement(Edm + "Key", new XElement(Edm + "PropertyRef", new XAttribute("Name", t.PrimaryIdAttribute))));
            foreach (var c in t.Columns)
            {
                type.Add(new XElement(Edm + "Property", new XAttribute("Name", c.WireName), new XAttribute("Type", Query.FilterCompiler.EdmType(c.Type))));
            }

            schema.Add(type);
        }

        var container = new XElement(Edm + "EntityContainer", new XAttribute("Name", "System"));
        foreach (var t in list)
        {
            var set = new XElement(Edm + "EntitySet", new XAttribute("Name", t.EntitySetName), new XAttribute("EntityType", $"Microsoft.Dynamics.CRM.{t.LogicalName}"));
            if (annotations && t.ChangeTrackingEnabled)
            {
                set.Add(new XElement(Edm + "Annotation", new XAttribute("Term", "Org.OData.Capabilities.V1.ChangeTracking"),
                    new XElement(Edm + "Record", new XElement(Edm + "PropertyValue", new XAttribute("Property", "Supported"), new XAttribute("Bool", "true")))));
            }

            container.Add(set);
        }

        schema.Add(container);
        var doc = new XDocument(new XElement(Edmx + "Edmx", new XAttribute("Version", "4.0"), new XAttribute(XNamespace.Xmlns + "edmx", Edmx),
            new XElement(Edmx + "DataServices", schema)));
        return doc.Declaration + doc.ToString(SaveOptions.DisableFormatting);
    }
}
