using System.Reflection;

namespace CrmExtensions.Architecture.Tests;

/// <summary>
/// The arrows of ARCHITECTURE.md: Scoring knows no CRM, connectors know no ML, and the sandbox (the referee)
/// shares nothing with the connectors it referees.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly IReadOnlyList<Assembly> Ours = LoadOurs();

    [Fact]
    public void Ours_AreAllFound()
    {
        Ours.Select(a => a.GetName().Name).ShouldContain("CrmExtensions.Scoring");
        Ours.Select(a => a.GetName().Name).ShouldContain("CrmExtensions.Connectors.Common");
        Ours.Select(a => a.GetName().Name).ShouldContain("CrmExtensions.Connectors.Dataverse");
        Ours.Select(a => a.GetName().Name).ShouldContain("CrmExtensions.Connectors.Salesforce");
        Ours.Select(a => a.GetName().Name).ShouldContain("CrmExtensions.Jobs");
    }

    [Fact]
    public void Scoring_ReferencesNothingOfOurs()
    {
        References("CrmExtensions.Scoring").Where(IsOurs).ShouldBeEmpty();
    }

    [Fact]
    public void Connectors_ReferenceNoMachineLearningAndNoHostOrSandbox()
    {
        foreach (var connector in Ours.Where(a => a.GetName().Name!.StartsWith("CrmExtensions.Connectors.", StringComparison.Ordinal)))
        {
            var references = References(connector.GetName().Name!);
            references.ShouldNotContain(r => r.StartsWith("Microsoft.ML", StringComparison.Ordinal), connector.GetName().Name);
            references.ShouldNotContain(r => r.StartsWith("CrmExtensions.Sandbox", StringComparison.Ordinal) || r.StartsWith("CrmExtensions.Cli", StringComparison.Ordinal)
                || r.StartsWith("CrmExtensions.Functions", StringComparison.Ordinal) || r.StartsWith("CrmExtensions.Plugins", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Sandbox_SharesNoTypesWithConnectors()
    {
        Ours.ShouldContain(a => a.GetName().Name == "CrmExtensions.Sandbox");
        References("CrmExtensions.Sandbox").Where(IsOurs).ShouldBeEmpty();
        foreach (var connector in Ours.Where(a => a.GetName().Name!.StartsWith("CrmExtensions.Connectors.", StringComparison.Ordinal)))
        {
            References(connector.GetName().Name!).ShouldNotContain("CrmExtensions.Sandbox");
        }
    }

    [Fact]
    public void Store_ReferencesOnlyScoringOfOurs()
    {
        References("CrmExtensions.Store").Where(IsOurs).ShouldBe(["CrmExtensions.Scoring"]);
    }

    [Fact]
    public void Jobs_ReferenceNoConcreteConnectorStoreOrHost()
    {
        References("CrmExtensions.Jobs").Where(IsOurs).ShouldBe(["CrmExtensions.Scoring", "CrmExtensions.Connectors.Common"], ignoreOrder: true);
    }

    [Fact]
    public void Plugins_CallJobsAndKnowNoStoreNoHostAndNoMachineLearning()
    {
        Ours.ShouldContain(a => a.GetName().Name == "CrmExtensions.Plugins");
        References("CrmExtensions.Plugins").Where(IsOurs).ShouldBe(["CrmExtensions.Scoring", "CrmExtensions.Connectors.Common", "CrmExtensions.Jobs"], ignoreOrder: true);
        References("CrmExtensions.Plugins").ShouldNotContain(r => r.StartsWith("Microsoft.ML", StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_ReadOnlyTheScoringContracts()
    {
        // The pages read the store through Scoring's contracts: no store implementation, connector, job or sandbox.
        References("CrmExtensions.Reports").Where(IsOurs).ShouldBe(["CrmExtensions.Scoring"]);
    }

    [Fact]
    public void Install_ReadsOnlyTheCatalogue()
    {
        // The installer gets an authenticated HttpClient handed in: no connector, store, job or sandbox.
        References("CrmExtensions.Install").Where(IsOurs).ShouldBe(["CrmExtensions.Scoring"]);
    }

    private static bool IsOurs(string name) => name.StartsWith("CrmExtensions.", StringComparison.Ordinal);

    private static string[] References(string assembly) =>
        [.. Ours.Single(a => a.GetName().Name == assembly).GetReferencedAssemblies().Select(r => r.Name!)];

    private static List<Assembly> LoadOurs() =>
        [.. Directory.GetFiles(AppContext.BaseDirectory, "CrmExtensions.*.dll")
            .Where(path => !Path.GetFileName(path).Contains(".Tests", StringComparison.Ordinal) && !Path.GetFileName(path).Contains(".Testing", StringComparison.Ordinal))
            .Select(Assembly.LoadFrom)];
}
