using System.Xml.Linq;
using CrmExtensions.Install.Dataverse;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Tests;

/// <summary>
/// One output field, three places: the catalogue, the checked-in solution source (solution-packages/dataverse, what the
/// zip contains) and what crmx install makes in an org. A field added or removed in one place only fails here.
/// Regenerate the checked-in source with <c>crmx package dataverse --unpacked solution-packages/dataverse</c>
/// (or run these tests with CRMX_REGENERATE_SOLUTION=1).
/// </summary>
public sealed class CatalogueParityTests : SandboxOrgFixture
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "solution-packages", "dataverse");

    [Fact]
    public void CheckedInSolutionSource_SameAsGeneratedFromCatalogue()
    {
        var generated = new SolutionPackage(OutputCatalogue.Default, SolutionPackageTests.DefaultTables).Files();
        if (Environment.GetEnvironmentVariable("CRMX_REGENERATE_SOLUTION") == "1")
        {
            Directory.CreateDirectory(Folder);
            foreach (var (name, text) in generated)
            {
                File.WriteAllText(Path.Combine(Folder, name), text);
            }
        }

        foreach (var (name, text) in generated)
        {
            var path = Path.Combine(Folder, name);
            File.Exists(path).ShouldBeTrue(path);
            Differences(File.ReadAllText(path), text).ShouldBeEmpty($"{name} differs from what the catalogue generates; regenerate it (see class comment)");
        }
    }

    [Fact]
    public void CheckedInSource_CatalogueGainsAField_ComparisonNamesIt()
    {
        var extra = OutputCatalogue.Default.With([new OutputField("lead", "extra", "Extra", OutputFieldType.WholeNumber, "m", OutputSlot.Score, "lead", "crmx_extra", "Lead", "CRMX_Extra__c") { Minimum = 0, Maximum = 1 }]);

        var customizations = new SolutionPackage(extra, SolutionPackageTests.DefaultTables).Files()["customizations.xml"];

        Differences(File.ReadAllText(Path.Combine(Folder, "customizations.xml")), customizations).ShouldContain(d => d.Contains("crmx_extra", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_MakesExactlyTheZipsColumnsAndRolePrivileges()
    {
        string[] synced = ["lead", "opportunity", "account", "contact", "incident", "task"];
        var package = new SolutionPackage(OutputCatalogue.Default, synced);
        var zipColumns = package.Customizations().Descendants("attribute")
            .Select(a => $"{a.Ancestors("Entity").Single().Element("Name")!.Value.ToLowerInvariant()}.{a.Element("LogicalName")!.Value}").ToList();

        await new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default).InstallAsync(null, new RuntimeAccess(Guid.Parse(Sandbox.Credentials.ClientId), synced));

        var solution = (await GetAsync("solutions?$select=solutionid&$filter=uniquename eq 'CrmExtensions'"))!.Value.GetProperty("value")[0].GetProperty("solutionid").GetString();
        var installed = new List<string>();
        foreach (var table in zipColumns.Select(c => c.Split('.')[0]).Distinct())
        {
            var attributes = (await GetAsync($"EntityDefinitions(LogicalName='{table}')/Attributes?$select=LogicalName,IsCustomAttribute"))!.Value.GetProperty("value");
            installed.AddRange(attributes.EnumerateArray().Where(a => a.GetProperty("IsCustomAttribute").GetBoolean()).Select(a => $"{table}.{a.GetProperty("LogicalName").GetString()}"));
        }

        installed.ShouldBe(zipColumns, ignoreOrder: true);
        installed.ShouldBe(OutputCatalogue.Default.Fields.Select(f => $"{f.DataverseTable}.{f.DataverseName}"), ignoreOrder: true);
        (await GetAsync($"solutioncomponents?$select=objectid&$filter=_solutionid_value eq {solution} and componenttype eq 2"))!.Value.GetProperty("value").GetArrayLength().ShouldBe(zipColumns.Count);
        var held = (await GetAsync($"RetrieveRolePrivilegesRole(RoleId=@p1)?@p1={SolutionIdentity.RuntimeRoleId:D}"))!.Value.GetProperty("RolePrivileges")
            .EnumerateArray().Select(p => p.GetProperty("PrivilegeName").GetString()).ToList();
        held.ShouldBe(package.RolePrivileges, ignoreOrder: true);
    }

    // Line-level differences, each naming the line, so a failure says which column or privilege is out of step.
    private static List<string> Differences(string expected, string actual)
    {
        var want = expected.ReplaceLineEndings("\n").Split('\n');
        var have = actual.ReplaceLineEndings("\n").Split('\n');
        var missing = have.Except(want).Select(l => "generated only: " + l.Trim());
        var stale = want.Except(have).Select(l => "checked in only: " + l.Trim());
        var order = missing.Any() || stale.Any() || want.SequenceEqual(have) ? [] : new[] { "same lines, different order" };
        return [.. missing, .. stale, .. order];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmExtensions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmExtensions.sln not found above " + AppContext.BaseDirectory);
    }
}
