using System.Text.Json;

namespace CrmExtensions.Cli.Tests;

/// <summary>
/// <c>crmx demo --crm salesforce</c> and <c>--crm both</c> end to end at a small scale: in-process sandboxes, the
/// in-process host receiving webhooks / outbound messages, values read back from the CRMs.
/// </summary>
public sealed class DemoCrmTests : IDisposable
{
    private static readonly string[] BothCrms = ["dataverse", "salesforce"];
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-demo-crm-").FullName;

    [Fact]
    public async Task DemoJson_BothCrms_OurFieldsLandInBothOrgs_WebhooksWrite_AndARefreshWithoutChangesWritesNothing()
    {
        var (code, output, error) = await Cli.Run("demo", "--crm", "both", "--scale", "300", "--changes", "80", "--data", _folder, "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output); // stdout is one JSON object: no progress in it
        var root = json.RootElement;
        var orgs = root.GetProperty("orgs").EnumerateArray().ToList();
        orgs.Select(o => o.GetProperty("crm").GetString()).ShouldBe(BothCrms);
        orgs.Select(o => o.GetProperty("org").GetString()).Distinct().Count().ShouldBe(2, "the two orgs stay apart in the one store");
        foreach (var crm in BothCrms)
        {
            var org = orgs.Single(o => o.GetProperty("crm").GetString() == crm);

            // Read back from the CRM's API after the run: the sandbox's records carry our fields.
            var leads = root.GetProperty("records").EnumerateArray().Where(r => r.GetProperty("crm").GetString() == crm).ToList();
            leads.Count.ShouldBe(3, crm);
            leads.ShouldAllBe(r => r.GetProperty("score").ValueKind == JsonValueKind.Number && r.GetProperty("grade").GetString()!.Length == 1);
            leads.ShouldAllBe(r => !string.IsNullOrEmpty(r.GetProperty("reasons").GetString()));
            org.GetProperty("account").GetProperty("segment").GetString().ShouldNotBeNullOrEmpty(crm);
            org.GetProperty("account").GetProperty("recommendations").GetString().ShouldNotBeNullOrEmpty(crm);

            // Agents' uncategorised cases and new cases were categorised and the category is in the CRM.
            var cases = org.GetProperty("cases");
            cases.GetProperty("categorised").GetInt64().ShouldBeGreaterThan(0, crm);
            var example = cases.GetProperty("example");
            example.GetProperty("category").GetString().ShouldNotBeNullOrEmpty(crm);
            example.GetProperty("tier").GetString().ShouldBeOneOf("Auto", "Suggest", "Review");
            example.GetProperty("confidence").GetDouble().ShouldBeInRange(0, 100);

            // The simulated user changes reached the host as webhooks / outbound messages and its worker wrote back.
            var webhooks = org.GetProperty("webhooks");
            webhooks.GetProperty("stored").GetInt64().ShouldBeGreaterThan(0, crm);
            webhooks.GetProperty("written").GetInt64().ShouldBeGreaterThan(0, crm);
            webhooks.GetProperty("failed").GetInt64().ShouldBe(0, crm);

            var phases = root.GetProperty("phases").EnumerateArray().Where(p => p.GetProperty("crm").GetString() == crm)
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
            phases["write-back"].GetProperty("writeCalls").GetInt64().ShouldBeGreaterThan(0, crm);
            phases["refresh with no CRM changes"].GetProperty("writeCalls").GetInt64().ShouldBe(0, $"{crm}: nothing changed, so nothing is written");
            phases["refresh with no CRM changes"].GetProperty("apiCalls").GetInt64().ShouldBeGreaterThan(0, $"{crm}: the refresh did read");
            org.GetProperty("writeBack").GetProperty("failed").GetInt64().ShouldBe(0, crm);
            root.GetProperty("models").EnumerateArray().Where(m => m.GetProperty("crm").GetString() == crm).Select(m => m.GetProperty("name").GetString())
                .ShouldBe(["lead-conversion", "opportunity-win", "customer-segment", "next-best-product", "case-category"], ignoreOrder: true);
        }

        root.GetProperty("writeBack").GetProperty("written").GetInt64().ShouldBe(orgs.Sum(o => o.GetProperty("writeBack").GetProperty("written").GetInt64()));
    }

    [Fact]
    public async Task Demo_Salesforce_PrintsOutboundMessagesAndACaseAsAnAgentSeesIt_WithoutProgressBarsInRedirectedOutput()
    {
        var (code, output, error) = await Cli.Run("demo", "--crm", "salesforce", "--scale", "300", "--changes", "80", "--data", _folder);

        code.ShouldBe(0, error);
        output.ShouldContain("Outbound messages");
        output.ShouldContain("A case as an agent sees it");
        error.ShouldContain("salesforce: full sync…");
        (output + error).ShouldNotContain("\u001b[", customMessage: "no ANSI progress bars when the output is not a terminal");
    }

    [Fact]
    public async Task Demo_UnknownCrm_IsRefusedBeforeAnythingStarts()
    {
        var (code, _, error) = await Cli.Run("demo", "--crm", "hubspot", "--data", _folder);

        code.ShouldNotBe(0);
        error.ShouldContain("hubspot");
        Directory.Exists(Path.Combine(_folder, "demo")).ShouldBeFalse();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
