using System.Xml.Linq;
using CrmExtensions.Install.Salesforce;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Salesforce.Tests;

/// <summary>Generates projects for the tests and reads their XML.</summary>
internal static class Generated
{
    public static readonly XNamespace Md = "http://soap.sforce.com/2006/04/metadata";

    public const string Key = "test-key-0123456789-abcdef";

    public const string User = "integration@acme.example";

    public static readonly IReadOnlyList<string> Objects = ["Lead", "Account", "Contact", "Opportunity", "Order", "OrderItem", "Product2", "Case", "Task"];

    public static SalesforcePackageOptions Options(string endpoint = "https://crmx.example.com/api/webhooks/salesforce") =>
        new(new Uri(endpoint), Key, User, Objects);

    public static SalesforceProject Project(OutputCatalogue? catalogue = null, SalesforcePackageOptions? options = null) =>
        SalesforceProject.Generate(catalogue ?? OutputCatalogue.Default, options ?? Options());

    public static XElement Xml(this SalesforceProject project, string path) =>
        XDocument.Parse(project.Files.Single(f => f.Path == path).Content).Root!;

    public static IEnumerable<ProjectFile> Under(this SalesforceProject project, string folder) =>
        project.Files.Where(f => f.Path.StartsWith("force-app/main/default/" + folder + "/", StringComparison.Ordinal));

    public static string? Value(this XElement element, string name) => element.Element(Md + name)?.Value;

    public static IEnumerable<XElement> All(this XElement element, string name) => element.Elements(Md + name);
}
