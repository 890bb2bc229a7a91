using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmExtensions.Install.Dataverse;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Tests;

/// <summary>
/// The solution zip's structure against dataverse.md §7 (real export shapes), and that the zip, the catalogue and the
/// checked-in unpacked source in solution-packages/dataverse agree.
/// </summary>
public sealed partial class SolutionPackageTests
{
    // DataverseOptions.DefaultTables (the connector is not referenced here; the golden source is built from this list).
    internal static readonly string[] DefaultTables =
        ["lead", "account", "contact", "opportunity", "salesorder", "salesorderdetail", "product", "incident", "task", "phonecall", "email"];

    private static readonly OutputCatalogue Catalogue = OutputCatalogue.Default;

    [Fact]
    public void Zip_DocumentedLayout_ThreePartsAndOctetStreamContentType()
    {
        using var zip = Zip(new SolutionPackage(Catalogue, DefaultTables));

        zip.Entries.Select(e => e.FullName).ShouldBe(["[Content_Types].xml", "solution.xml", "customizations.xml"]);
        var types = XDocument.Load(zip.GetEntry("[Content_Types].xml")!.Open()).Root!;
        types.Name.ShouldBe(XName.Get("Types", "http://schemas.openxmlformats.org/package/2006/content-types"));
        var only = types.Elements().ShouldHaveSingleItem();
        only.Name.LocalName.ShouldBe("Default");
        only.Attribute("Extension")!.Value.ShouldBe("xml");
        only.Attribute("ContentType")!.Value.ShouldBe("application/octet-stream");
        SolutionPackage.DefaultFileName.ShouldBe("CrmExtensions_1_0_0_0.zip");
    }

    [Fact]
    public void SolutionXml_Manifest_UnmanagedVersionPublisherPrefixAndRootComponents()
    {
        using var zip = Zip(new SolutionPackage(Catalogue, DefaultTables));
        var root = XDocument.Load(zip.GetEntry("solution.xml")!.Open()).Root!;

        root.Name.LocalName.ShouldBe("ImportExportXml");
        root.Attribute("SolutionPackageVersion")!.Value.ShouldBe("9.2");
        int.Parse(root.Attribute("languagecode")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1033);
        var manifest = root.Element("SolutionManifest")!;
        manifest.Element("UniqueName")!.Value.ShouldBe("CrmExtensions");
        VersionFormat().IsMatch(manifest.Element("Version")!.Value).ShouldBeTrue(manifest.Element("Version")!.Value);
        manifest.Element("Managed")!.Value.ShouldBe("0");
        var publisher = manifest.Element("Publisher")!;
        publisher.Element("UniqueName")!.Value.ShouldBe(SolutionIdentity.PublisherUniqueName);
        publisher.Element("CustomizationPrefix")!.Value.ShouldBe(SolutionIdentity.Prefix);
        publisher.Element("CustomizationOptionValuePrefix")!.Value.ShouldBe("10000");
        publisher.Element("Addresses")!.Elements("Address").Count().ShouldBe(2);
        manifest.Element("MissingDependencies").ShouldNotBeNull();

        var components = manifest.Element("RootComponents")!.Elements().ToList();
        components.ShouldAllBe(c => c.Name.LocalName == "RootComponent");
        components.Select(c => int.TryParse(c.Attribute("type")!.Value, out var t) && int.TryParse(c.Attribute("behavior")!.Value, out var b) && b is >= 0 and <= 2).ShouldAllBe(ok => ok);
        components.Select(c => c.Attribute("type")!.Value).Distinct().Order().ShouldBe(["1", "2", "20"]);
        var tables = components.Where(c => c.Attribute("type")!.Value == "1").ToList();
        tables.Select(c => c.Attribute("schemaName")!.Value).ShouldBe(Catalogue.Fields.Select(f => f.DataverseTable).Distinct().Order(), ignoreOrder: true);
        tables.ShouldAllBe(c => c.Attribute("behavior")!.Value == "2");
        components.Where(c => c.Attribute("type")!.Value == "2").Select(c => c.Attribute("schemaName")!.Value)
            .ShouldBe(Catalogue.Fields.Select(f => $"{f.DataverseTable}.{f.DataverseName}"), ignoreOrder: true);
        var role = components.Where(c => c.Attribute("type")!.Value == "20").ShouldHaveSingleItem();
        Guid.TryParseExact(role.Attribute("id")!.Value, "B", out var roleId).ShouldBeTrue();
        roleId.ShouldBe(SolutionIdentity.RuntimeRoleId);
    }

    [Fact]
    public void SolutionXml_NoAttributeRoots_ListsTablesAndRoleOnly()
    {
        var manifest = new SolutionPackage(Catalogue, DefaultTables, attributeRootComponents: false).Manifest();

        manifest.Descendants("RootComponent").Select(c => c.Attribute("type")!.Value).Distinct().Order().ShouldBe(["1", "20"]);
    }

    [Fact]
    public void CustomizationsXml_EveryCatalogueColumnOnceOnItsTable_TypedPrefixedAuditOff()
    {
        var customizations = new SolutionPackage(Catalogue, DefaultTables).Customizations().Root!;

        var columns = customizations.Element("Entities")!.Elements("Entity")
            .SelectMany(e => e.Element("EntityInfo")!.Element("entity")!.Element("attributes")!.Elements("attribute")
                .Select(a => (Entity: e.Element("Name")!.Value, Attribute: a))).ToList();
        columns.Select(c => $"{c.Entity.ToLowerInvariant()}.{c.Attribute.Element("LogicalName")!.Value}")
            .ShouldBe(Catalogue.Fields.Select(f => $"{f.DataverseTable}.{f.DataverseName}"), ignoreOrder: true);
        foreach (var (entity, attribute) in columns)
        {
            var field = Catalogue.Fields.Single(f => string.Equals(f.DataverseTable, entity, StringComparison.OrdinalIgnoreCase) && f.DataverseName == attribute.Element("LogicalName")!.Value);
            var name = $"{field.DataverseTable}.{field.DataverseName}";
            attribute.Attribute("PhysicalName")!.Value.ShouldBe(field.DataverseName, name);
            attribute.Element("Name")!.Value.ShouldStartWith(SolutionIdentity.Prefix + "_", Case.Sensitive, name);
            attribute.Element("Type")!.Value.ShouldBe(SolutionPackage.XmlType(field.Type), name);
            attribute.Element("IsAuditEnabled")!.Value.ShouldBe("0", name);
            attribute.Element("IsCustomField")!.Value.ShouldBe("1", name);
            attribute.Element("displaynames")!.Element("displayname")!.Attribute("description")!.Value.ShouldBe(field.DisplayName, name);
            if (field.Type is OutputFieldType.Text or OutputFieldType.LongText)
            {
                int.Parse(attribute.Element("MaxLength")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(field.MaxLength ?? (field.Type == OutputFieldType.Text ? 100 : 2000), name);
            }

            if (field.Type == OutputFieldType.WholeNumber)
            {
                int.Parse(attribute.Element("MinValue")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe((int)field.Minimum!.Value, name);
                int.Parse(attribute.Element("MaxValue")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe((int)field.Maximum!.Value, name);
            }

            if (field.Type == OutputFieldType.Choice)
            {
                attribute.Element("optionset")!.Element("options")!.Elements("option").Select(o => int.Parse(o.Attribute("value")!.Value, System.Globalization.CultureInfo.InvariantCulture))
                    .ShouldBe(field.Options.Select(o => o.DataverseValue), name);
                attribute.Element("optionset")!.Element("options")!.Elements("option").ShouldAllBe(o => o.Attribute("value")!.Value.StartsWith("1000", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void CustomizationsXml_Role_FixedIdGlobalReadOnSyncedWriteOnOutputTables()
    {
        var role = new SolutionPackage(Catalogue, ["lead", "task", "salesorder"]).Customizations().Root!.Element("Roles")!.Elements("Role").ShouldHaveSingleItem();

        role.Attribute("id")!.Value.ShouldBe($"{{{SolutionIdentity.RuntimeRoleId:D}}}");
        role.Attribute("name")!.Value.ShouldBe(SolutionIdentity.RuntimeRoleName);
        var privileges = role.Element("RolePrivileges")!.Elements("RolePrivilege").ToList();
        privileges.ShouldAllBe(p => p.Attribute("level")!.Value == "Global");
        privileges.Select(p => p.Attribute("name")!.Value).ShouldBe(
        [
            "prvReadAccount", "prvReadActivity", "prvReadAttribute", "prvReadContact", "prvReadEntity", "prvReadIncident", "prvReadLead",
            "prvReadOpportunity", "prvReadOptionSet", "prvReadRelationship", "prvReadSalesOrder",
            "prvWriteAccount", "prvWriteContact", "prvWriteIncident", "prvWriteLead", "prvWriteOpportunity",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Package_CustomTableOrBadPrefix_FailsNamingIt()
    {
        var custom = Catalogue.With([new OutputField("widget", "score", "Score", OutputFieldType.WholeNumber, "m", OutputSlot.Score, "new_widget", "crmx_score", "Widget__c", "CRMX_Score__c")]);
        var prefix = Catalogue.With([new OutputField("lead", "x", "X", OutputFieldType.WholeNumber, "m", OutputSlot.Score, "lead", "new_x", "Lead", "CRMX_X__c")]);

        Should.Throw<InstallException>(() => new SolutionPackage(custom, DefaultTables)).Message.ShouldContain("new_widget");
        Should.Throw<InstallException>(() => new SolutionPackage(prefix, DefaultTables)).Message.ShouldContain("lead.new_x");
    }

    [Fact]
    public void WriteZip_TwoRuns_SameBytes()
    {
        var package = new SolutionPackage(Catalogue, DefaultTables);
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        package.WriteZip(first);
        package.WriteZip(second);

        first.ToArray().ShouldBe(second.ToArray());
    }

    private static ZipArchive Zip(SolutionPackage package)
    {
        var stream = new MemoryStream();
        package.WriteZip(stream);
        stream.Position = 0;
        return new ZipArchive(stream, ZipArchiveMode.Read);
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex VersionFormat();
}
