using System.Text.Json;
using System.Xml.Linq;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Salesforce.Tests;

/// <summary>The project as a whole: scaffold, uninstall manifests, the key's handling and writing to disk.</summary>
public sealed class ProjectTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-sfdx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Generate_SfdxProjectJson_NamesForceAppAndTheApiVersion()
    {
        var project = Generated.Project(options: Generated.Options() with { ApiVersion = "61.0" });
        var json = JsonDocument.Parse(project.Files.Single(f => f.Path == "sfdx-project.json").Content).RootElement;

        json.GetProperty("sourceApiVersion").GetString().ShouldBe("61.0");
        json.GetProperty("packageDirectories")[0].GetProperty("path").GetString().ShouldBe("force-app");
        project.Files.Single(f => f.Path == ".forceignore").Content.ShouldContain("**/__tests__/**");
    }

    [Fact]
    public void Generate_Uninstall_DestructiveChangesListEveryComponentButNoWholeWorkflow()
    {
        var project = Generated.Project();
        var destructive = XDocument.Parse(project.Files.Single(f => f.Path == "uninstall/destructiveChanges.xml").Content).Root!;
        var listed = destructive.All("types").ToDictionary(t => t.Value("name")!, t => t.All("members").Select(m => m.Value).ToList());

        listed.Keys.ShouldBe(["CustomField", "Flow", "LightningComponentBundle", "PermissionSet", "WorkflowOutboundMessage"], ignoreOrder: true);
        listed["CustomField"].Count.ShouldBe(OutputCatalogue.Default.Fields.Count);
        // A Workflow member would delete the object's whole workflow (the org's own rules too): only our messages go.
        listed.ShouldNotContainKey("Workflow");
        var empty = XDocument.Parse(project.Files.Single(f => f.Path == "uninstall/package.xml").Content).Root!;
        empty.All("types").ShouldBeEmpty();
        empty.Value("version").ShouldBe("62.0");
    }

    [Fact]
    public void Generate_AddedCatalogueField_ReachesFieldsPermissionsComponentAndUninstall()
    {
        var extra = CustomFieldTests.Field("CRMX_Extra_Score__c", OutputFieldType.WholeNumber) with { Minimum = 0, Maximum = 100 };
        var project = Generated.Project(OutputCatalogue.Default.With([extra]));

        project.Files.ShouldContain(f => f.Path == "force-app/main/default/objects/Lead/fields/CRMX_Extra_Score__c.field-meta.xml");
        project.Files.Where(f => f.Path.Contains("permissionsets/", StringComparison.Ordinal)).ShouldAllBe(f => f.Content.Contains("Lead.CRMX_Extra_Score__c"));
        project.Files.Single(f => f.Path.EndsWith("/panels.js", StringComparison.Ordinal)).Content.ShouldContain("Lead.CRMX_Extra_Score__c");
        project.Files.Single(f => f.Path.EndsWith(".test.js", StringComparison.Ordinal)).Content.ShouldContain("Lead.CRMX_Extra_Score__c");
        project.Files.Single(f => f.Path == "uninstall/destructiveChanges.xml").Content.ShouldContain("Lead.CRMX_Extra_Score__c");
    }

    [Fact]
    public void Generate_KeyOnlyInTheWorkflows_MarkedAsHoldingIt()
    {
        var project = Generated.Project();

        project.Files.Where(f => f.Content.Contains(Generated.Key, StringComparison.Ordinal)).ShouldAllBe(f => f.HoldsKey);
        project.Files.Where(f => f.HoldsKey).ShouldAllBe(f => f.Path.Contains("/workflows/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://crmx.example.com/x", "--endpoint")]
    [InlineData("https://crmx.example.com/x?code=typed", "code=")]
    public void Generate_BadEndpoint_FailsNamingTheOption(string endpoint, string expected)
    {
        var error = Should.Throw<InstallException>(() => Generated.Project(options: Generated.Options(endpoint)));

        error.Message.ShouldContain(expected);
        error.Message.ShouldNotContain(Generated.Key);
    }

    [Theory]
    [InlineData("not-a-user", "short-key", "--integration-user")]
    [InlineData("a@b.example", "short-key", "at least 16")]
    public void Generate_BadUserOrKey_FailsWithoutEchoingTheKey(string user, string key, string expected)
    {
        var options = Generated.Options() with { IntegrationUser = user, WebhookKey = key };

        var error = Should.Throw<InstallException>(() => Generated.Project(options: options));

        error.Message.ShouldContain(expected);
        error.Message.ShouldNotContain(key);
        options.ToString().ShouldNotContain(key);
    }

    [Fact]
    public void WriteTo_NewFolder_WritesEveryFileAndTheKeyForTheOwnerOnly()
    {
        var target = Path.Combine(_folder, "project");

        Generated.Project().WriteTo(target, generatedKey: Generated.Key);

        foreach (var file in Generated.Project().Files)
        {
            File.ReadAllText(Path.Combine(target, file.Path)).ShouldBe(file.Content);
        }

        var key = Path.Combine(target, SalesforceProject.KeyFile);
        File.ReadAllText(key).Trim().ShouldBe(Generated.Key);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(key).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void WriteTo_Regenerated_RemovesFilesNoLongerGeneratedAndKeepsOthers()
    {
        var target = Path.Combine(_folder, "project");
        var extra = CustomFieldTests.Field("CRMX_Extra_Score__c", OutputFieldType.WholeNumber) with { Minimum = 0, Maximum = 100 };
        Generated.Project(OutputCatalogue.Default.With([extra])).WriteTo(target);
        var stale = Path.Combine(target, "force-app/main/default/objects/Lead/fields/CRMX_Extra_Score__c.field-meta.xml");
        var mine = Path.Combine(target, "notes.md");
        File.WriteAllText(mine, "the admin's own file");
        File.Exists(stale).ShouldBeTrue();

        Generated.Project().WriteTo(target);

        File.Exists(stale).ShouldBeFalse();
        File.Exists(mine).ShouldBeTrue();
    }

    [Fact]
    public void WriteTo_ForeignNonEmptyFolder_RefusesAndWritesNothing()
    {
        var target = Path.Combine(_folder, "theirs");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "sfdx-project.json"), "{}");

        Should.Throw<InstallException>(() => Generated.Project().WriteTo(target)).Message.ShouldContain("not empty");

        Directory.GetFileSystemEntries(target).Length.ShouldBe(1);
        File.ReadAllText(Path.Combine(target, "sfdx-project.json")).ShouldBe("{}");
    }
}
