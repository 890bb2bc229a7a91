using System.Xml.Linq;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Salesforce.Tests;

/// <summary>Readers read our fields; the integration user reads what it syncs and edits our fields only.</summary>
public sealed class PermissionSetTests
{
    private const string Folder = "force-app/main/default/permissionsets/";

    private static readonly SalesforceProject Project = Generated.Project();

    private static readonly HashSet<string> Ours = OutputCatalogue.Default.Fields.Select(f => $"{f.SalesforceObject}.{f.SalesforceName}").ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Readers_EveryOutputField_ReadableNotEditable_AndNothingElse()
    {
        var fields = FieldPermissions(Project.Xml(Folder + "CRMX_Readers.permissionset-meta.xml"));

        fields.Keys.ShouldBe(Ours, ignoreOrder: true);
        fields.Values.ShouldAllBe(p => p.Readable && !p.Editable);
    }

    [Fact]
    public void Integration_EditsExactlyOurFields_ReadsFeatureFields()
    {
        var fields = FieldPermissions(Project.Xml(Folder + "CRMX_Integration.permissionset-meta.xml"));

        fields.Where(f => f.Value.Editable).Select(f => f.Key).ShouldBe(Ours, ignoreOrder: true);
        fields.Values.ShouldAllBe(p => p.Readable);
        fields.Keys.ShouldContain("Lead.Industry");
        fields.Keys.ShouldContain("Case.Subject");
        // Required fields cannot carry field permissions (a deploy would fail); personal ones are not features.
        fields.Keys.ShouldNotContain("Opportunity.CloseDate");
        fields.Keys.ShouldNotContain("Account.Name");
        fields.Keys.ShouldNotContain("Contact.Email");
    }

    [Fact]
    public void Integration_ReadsAndViewsAllSyncedObjects_EditsOnlyScoredOnes()
    {
        var objects = Project.Xml(Folder + "CRMX_Integration.permissionset-meta.xml").All("objectPermissions")
            .ToDictionary(o => o.Value("object")!, o => o);
        var scored = OutputCatalogue.Default.Fields.Select(f => f.SalesforceObject).ToHashSet(StringComparer.Ordinal);

        objects.Keys.ShouldBe(Generated.Objects, ignoreOrder: true);
        foreach (var (name, permission) in objects)
        {
            permission.Value("allowRead").ShouldBe("true", name);
            permission.Value("viewAllRecords").ShouldBe("true", name);
            permission.Value("allowEdit").ShouldBe(scored.Contains(name) ? "true" : "false", name);
            permission.Value("allowCreate").ShouldBe("false", name);
            permission.Value("allowDelete").ShouldBe("false", name);
            permission.Value("modifyAllRecords").ShouldBe("false", name);
        }
    }

    [Fact]
    public void Integration_ModifyAll_GrantedOnScoredObjectsOnlyWhenAskedFor()
    {
        var project = Generated.Project(options: Generated.Options() with { ModifyAll = true });
        var objects = project.Xml(Folder + "CRMX_Integration.permissionset-meta.xml").All("objectPermissions").ToDictionary(o => o.Value("object")!, o => o);

        objects["Lead"].Value("modifyAllRecords").ShouldBe("true");
        objects["Lead"].Value("allowDelete").ShouldBe("true"); // Salesforce ties Modify All to Delete
        objects["Order"].Value("modifyAllRecords").ShouldBe("false");
    }

    [Fact]
    public void Integration_GrantsApiAccess()
    {
        var permissions = Project.Xml(Folder + "CRMX_Integration.permissionset-meta.xml").All("userPermissions").Select(p => p.Value("name"));

        permissions.ShouldBe(["ApiEnabled", "ViewSetup"], ignoreOrder: true);
    }

    private static Dictionary<string, (bool Readable, bool Editable)> FieldPermissions(XElement permissionSet) =>
        permissionSet.All("fieldPermissions").ToDictionary(
            p => p.Value("field")!,
            p => (p.Value("readable") == "true", p.Value("editable") == "true"),
            StringComparer.Ordinal);
}
