using System.Text.Json;
using System.Xml.Linq;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Salesforce.Tests;

/// <summary>
/// The generated project through the real tools, offline: the Salesforce CLI's source-to-metadata conversion (what a
/// deploy starts with) and the component's Jest tests with sfdx-lwc-jest. No org is contacted.
/// </summary>
public sealed class SfdxValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-sfdx-tools-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public async Task ConvertSource_GeneratedProject_SucceedsWithEveryComponentTheUninstallRemoves()
    {
        SfdxTools.Require();
        var project = Write(Generated.Project());
        var converted = Path.Combine(_folder, "mdapi");

        var (code, output) = await SfdxTools.RunAsync(SfdxTools.Sf, project, "project", "convert", "source", "--root-dir", "force-app", "--output-dir", converted, "--json");

        code.ShouldBe(0, output);
        JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("status").GetInt32().ShouldBe(0, output);
        var package = Types(Path.Combine(converted, "package.xml"));
        var destructive = Types(Path.Combine(project, "uninstall", "destructiveChanges.xml"));
        package["CustomField"].Count.ShouldBe(OutputCatalogue.Default.Fields.Count);
        package["Workflow"].ShouldBe(["Account", "Case", "Contact", "Lead", "Opportunity"]);
        package.Remove("Workflow");
        package.Keys.ShouldBe(destructive.Keys, ignoreOrder: true);
        foreach (var (type, members) in package)
        {
            members.ShouldBe(destructive[type], ignoreOrder: true, type);
        }

        // Jest tests and local files stay out of what is deployed (.forceignore).
        Directory.EnumerateFileSystemEntries(converted, "*", SearchOption.AllDirectories).ShouldNotContain(p => p.Contains("__tests__", StringComparison.Ordinal));
        var lead = XDocument.Load(Path.Combine(converted, "objects", "Lead.object")).Root!;
        lead.Descendants(Generated.Md + "fields").Select(f => f.Value("fullName")).ShouldBe(
            OutputCatalogue.Default.ForTable(CrmKind.Salesforce, "Lead").Select(f => f.SalesforceName), ignoreOrder: true);
    }

    [SkippableFact]
    public async Task LwcJest_GeneratedTests_AllPass()
    {
        SfdxTools.Require();
        var project = Write(Generated.Project());

        var results = await Jest(project);

        var objects = OutputCatalogue.Default.Fields.Select(f => f.SalesforceObject).Distinct().Count();
        results.GetProperty("numFailedTests").GetInt32().ShouldBe(0);
        results.GetProperty("numTotalTests").GetInt32().ShouldBe(objects * 4 + 2);
        results.GetProperty("numPassedTests").GetInt32().ShouldBe(objects * 4 + 2);
        results.GetProperty("success").GetBoolean().ShouldBeTrue();
    }

    [SkippableFact]
    public async Task LwcJest_BrokenComponent_FailuresAreCounted()
    {
        SfdxTools.Require();
        var project = Write(Generated.Project());
        var component = Path.Combine(project, "force-app/main/default/lwc/crmxRecordInsights/crmxRecordInsights.js");
        // The component forgets display values (picklist labels, formatted dates): the value tests must notice.
        var source = File.ReadAllText(component);
        var broken = source.Replace("return display !== null && display !== undefined ? display : getFieldValue(this.record, field);", "return getFieldValue(this.record, field);", StringComparison.Ordinal);
        broken.ShouldNotBe(source);
        File.WriteAllText(component, broken);

        var results = await Jest(project, expectSuccess: false);

        results.GetProperty("numFailedTests").GetInt32().ShouldBeGreaterThan(0);
        results.GetProperty("success").GetBoolean().ShouldBeFalse();
    }

    private async Task<JsonElement> Jest(string project, bool expectSuccess = true)
    {
        Directory.CreateSymbolicLink(Path.Combine(project, "node_modules"), SfdxTools.LwcModules);
        var report = Path.Combine(_folder, $"jest-{Guid.NewGuid():N}.json");

        var (code, output) = await SfdxTools.RunAsync(SfdxTools.LwcJest, project, "--", "--ci", "--json", $"--outputFile={report}");

        (code == 0).ShouldBe(expectSuccess, output);
        File.Exists(report).ShouldBeTrue(output);
        return JsonDocument.Parse(await File.ReadAllTextAsync(report)).RootElement.Clone();
    }

    private string Write(SalesforceProject project)
    {
        var target = Path.Combine(_folder, "project-" + Guid.NewGuid().ToString("N")[..8]);
        project.WriteTo(target);
        return target;
    }

    private static Dictionary<string, List<string>> Types(string packageXml) =>
        XDocument.Load(packageXml).Root!.All("types").ToDictionary(t => t.Value("name")!, t => t.All("members").Select(m => m.Value).ToList());
}
