using System.Text.Json;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Cli.Tests;

/// <summary>crmx package salesforce: writes the SFDX project, says where the key went, never prints the key.</summary>
public sealed class PackageSalesforceVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-package-sf-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PackageSalesforce_GeneratedKey_WrittenToTheKeyFileAndWorkflowsButNeverPrinted()
    {
        var target = Path.Combine(_folder, "sfdx");

        var (code, output, error) = await Cli.Run("package", "salesforce", "--endpoint", "https://crmx.example.com/api/webhooks/salesforce",
            "--integration-user", "integration@acme.example", "--out", target, "--data", _folder);

        code.ShouldBe(0, error);
        var key = File.ReadAllText(Path.Combine(target, ".crmx", "webhook-key")).Trim();
        key.Length.ShouldBeGreaterThanOrEqualTo(40);
        File.ReadAllText(Path.Combine(target, "force-app/main/default/workflows/Lead.workflow-meta.xml")).ShouldContain("?code=" + key);
        output.ShouldNotContain(key);
        error.ShouldNotContain(key);
        output.ShouldContain(Path.Combine(target, ".crmx", "webhook-key"));
        output.ShouldContain("code=***");
        Directory.GetFiles(Path.Combine(target, "force-app/main/default/objects"), "*.field-meta.xml", SearchOption.AllDirectories).Length
            .ShouldBe(OutputCatalogue.Default.Fields.Count);
    }

    [Fact]
    public async Task PackageSalesforce_RunAgainIntoTheSameFolder_KeepsTheGeneratedKey()
    {
        var target = Path.Combine(_folder, "sfdx");
        string[] args = ["package", "salesforce", "--endpoint", "https://crmx.example.com/hook", "--integration-user", "int@acme.example", "--out", target, "--data", _folder];
        (await Cli.Run(args)).Code.ShouldBe(0);
        var first = File.ReadAllText(Path.Combine(target, ".crmx", "webhook-key"));

        var (code, output, error) = await Cli.Run(args);

        code.ShouldBe(0, error);
        File.ReadAllText(Path.Combine(target, ".crmx", "webhook-key")).ShouldBe(first);
        output.ShouldContain("kept");
        output.ShouldNotContain(first.Trim());
    }

    [Fact]
    public async Task PackageSalesforce_ConfiguredKey_UsedAndNoKeyFileWritten()
    {
        var target = Path.Combine(_folder, "sfdx");
        var config = Path.Combine(_folder, "crmx.json");
        const string key = "configured-key-0123456789";
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { Crmx = new { Install = new { Webhook = new { Key = key } }, Salesforce = new { Objects = new[] { "Lead", "Case" } } } }));

        var (code, output, error) = await Cli.Run("package", "salesforce", "--endpoint", "https://crmx.example.com/hook", "--integration-user", "int@acme.example",
            "--out", target, "--config", config, "--data", _folder, "--json");

        code.ShouldBe(0, error);
        output.ShouldNotContain(key);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("key").GetProperty("source").GetString().ShouldBe("Crmx:Install:Webhook:Key");
        json.GetProperty("key").GetProperty("keyFile").ValueKind.ShouldBe(JsonValueKind.Null);
        File.Exists(Path.Combine(target, ".crmx", "webhook-key")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(target, "force-app/main/default/workflows/Case.workflow-meta.xml")).ShouldContain("https://crmx.example.com/hook?code=" + key);
        // The configured objects are what the integration user reads (plus the objects we write).
        File.ReadAllText(Path.Combine(target, "force-app/main/default/permissionsets/CRMX_Integration.permissionset-meta.xml")).ShouldNotContain("<object>Order</object>");
    }

    [Theory]
    [InlineData("not a url", "--endpoint")]
    [InlineData("https://crmx.example.com/hook?code=typed-on-the-command-line", "code=")]
    public async Task PackageSalesforce_BadEndpoint_FailsWithAReasonAndWritesNothing(string endpoint, string reason)
    {
        var target = Path.Combine(_folder, "sfdx");

        var (code, _, error) = await Cli.Run("package", "salesforce", "--endpoint", endpoint, "--integration-user", "int@acme.example", "--out", target, "--data", _folder);

        code.ShouldNotBe(0);
        error.ShouldContain(reason);
        error.ShouldNotContain("typed-on-the-command-line");
        Directory.Exists(target).ShouldBeFalse();
    }
}
