using System.Text.Json;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Cli.Tests;

/// <summary>crmx install / uninstall --crm dataverse against the in-process sandbox, with the install identity's section.</summary>
public sealed class InstallVerbTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-install-").FullName;
    private RunningSandbox _sandbox = null!;
    private string _config = string.Empty;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 20, Seed = 4 });
        _config = Path.Combine(_folder, "crmx.json");
        var identity = new
        {
            EnvironmentUrl = _sandbox.Orgs[0].Url,
            Authority = _sandbox.Credentials.Authority,
            _sandbox.Credentials.ClientId,
            _sandbox.Credentials.ClientSecret,
        };
        await File.WriteAllTextAsync(_config, JsonSerializer.Serialize(new { Crmx = new { Install = new { Dataverse = identity } } }));
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task InstallTwiceThenUninstallTwice_SandboxOrg_SecondRunsWriteNothing()
    {
        var first = await Run("install", "--crm", "dataverse", "--json");
        var second = await Run("install", "--crm", "dataverse", "--json");
        var removed = await Run("uninstall", "--crm", "dataverse", "--columns", "--json");
        var again = await Run("uninstall", "--crm", "dataverse", "--columns", "--json");

        first.Code.ShouldBe(0, first.Error);
        var created = JsonDocument.Parse(first.Output).RootElement;
        created.GetProperty("created").GetInt32().ShouldBe(OutputCatalogue.Default.Fields.Count + 2);
        created.GetProperty("writeCalls").GetInt32().ShouldBe(OutputCatalogue.Default.Fields.Count + 2);
        var unchanged = JsonDocument.Parse(second.Output).RootElement;
        unchanged.GetProperty("writeCalls").GetInt32().ShouldBe(0);
        unchanged.GetProperty("unchanged").GetInt32().ShouldBe(OutputCatalogue.Default.Fields.Count + 2);
        removed.Code.ShouldBe(0, removed.Error);
        JsonDocument.Parse(removed.Output).RootElement.GetProperty("deleted").GetInt32().ShouldBe(OutputCatalogue.Default.Fields.Count + 1);
        var gone = JsonDocument.Parse(again.Output).RootElement;
        gone.GetProperty("writeCalls").GetInt32().ShouldBe(0);
        gone.GetProperty("absent").GetInt32().ShouldBe(OutputCatalogue.Default.Fields.Count + 2); // columns, solution, endpoint
    }

    [Fact]
    public async Task Install_WebhookConfigured_RegistersStepsForTheDefaultSpecsTables()
    {
        var withHook = Path.Combine(_folder, "hook.json");
        var identity = new { EnvironmentUrl = _sandbox.Orgs[0].Url, Authority = _sandbox.Credentials.Authority, _sandbox.Credentials.ClientId, _sandbox.Credentials.ClientSecret };
        await File.WriteAllTextAsync(withHook, JsonSerializer.Serialize(new
        {
            Crmx = new { Install = new { Dataverse = identity, Webhook = new { Url = "https://scoring.example.com/intake/dataverse", Key = "a-key-of-sixteen-chars" } } },
        }));

        var (code, output, error) = await Cli.Run("install", "--crm", "dataverse", "--json", "--config", withHook, "--data", _folder);
        var (_, second, _) = await Cli.Run("install", "--crm", "dataverse", "--json", "--config", withHook, "--data", _folder);

        code.ShouldBe(0, error);
        var steps = JsonDocument.Parse(output).RootElement.GetProperty("actions").EnumerateArray().Where(a => a.GetProperty("component").GetString() == "step").Select(a => a.GetProperty("name").GetString()).ToList();
        steps.ShouldBe(["CrmExtensions: account Create", "CrmExtensions: account Update", "CrmExtensions: lead Create", "CrmExtensions: lead Update", "CrmExtensions: opportunity Create", "CrmExtensions: opportunity Update"]);
        output.ShouldNotContain("a-key-of-sixteen-chars");
        JsonDocument.Parse(second).RootElement.GetProperty("writeCalls").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Install_RuntimeSectionConfigured_AssignsTheRoleToItsApplicationUser_UninstallRoleRemovesIt()
    {
        var withRuntime = Path.Combine(_folder, "runtime-role.json");
        var identity = new { EnvironmentUrl = _sandbox.Orgs[0].Url, Authority = _sandbox.Credentials.Authority, _sandbox.Credentials.ClientId, _sandbox.Credentials.ClientSecret };
        await File.WriteAllTextAsync(withRuntime, JsonSerializer.Serialize(new
        {
            Crmx = new { Dataverse = new { identity.EnvironmentUrl, identity.Authority, identity.ClientId, identity.ClientSecret, Tables = new[] { "lead", "account" } }, Install = new { Dataverse = identity } },
        }));

        var (code, output, error) = await Cli.Run("install", "--crm", "dataverse", "--json", "--config", withRuntime, "--data", _folder);
        var (_, second, _) = await Cli.Run("install", "--crm", "dataverse", "--json", "--config", withRuntime, "--data", _folder);
        var (removedCode, removed, _) = await Cli.Run("uninstall", "--crm", "dataverse", "--role", "--json", "--config", withRuntime, "--data", _folder);

        code.ShouldBe(0, error);
        var actions = JsonDocument.Parse(output).RootElement.GetProperty("actions").EnumerateArray().ToList();
        actions.ShouldContain(a => a.GetProperty("component").GetString() == "role" && a.GetProperty("kind").GetString() == "created");
        actions.ShouldContain(a => a.GetProperty("component").GetString() == "role assignment" && a.GetProperty("kind").GetString() == "created");
        JsonDocument.Parse(second).RootElement.GetProperty("writeCalls").GetInt32().ShouldBe(0);
        removedCode.ShouldBe(0);
        JsonDocument.Parse(removed).RootElement.GetProperty("actions").EnumerateArray()
            .ShouldContain(a => a.GetProperty("component").GetString() == "role" && a.GetProperty("kind").GetString() == "deleted");
    }

    [Fact]
    public async Task Install_NoInstallSection_ExitsTwoNamingTheSection()
    {
        var runtimeOnly = Path.Combine(_folder, "runtime.json");
        await File.WriteAllTextAsync(runtimeOnly, JsonSerializer.Serialize(new { Crmx = new { Dataverse = new { EnvironmentUrl = _sandbox.Orgs[0].Url } } }));

        var (code, _, error) = await Cli.Run("install", "--crm", "dataverse", "--config", runtimeOnly, "--data", _folder);

        code.ShouldBe(2);
        error.ShouldContain("Crmx:Install:Dataverse");
    }

    private Task<(int Code, string Output, string Error)> Run(params string[] args) =>
        Cli.Run([.. args, "--config", _config, "--data", _folder]);
}
