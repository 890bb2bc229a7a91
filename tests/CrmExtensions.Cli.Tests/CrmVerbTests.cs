using System.Text.Json;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Tests;

/// <summary>check, discover, sync and writeback through the command line against the in-process sandbox.</summary>
public sealed class CrmVerbTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-crm-").FullName;
    private RunningSandbox _sandbox = null!;
    private string _config = string.Empty;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 2 });
        _config = Path.Combine(_folder, "crmx.json");
        await File.WriteAllTextAsync(_config, JsonSerializer.Serialize(new
        {
            Crmx = new
            {
                Dataverse = new
                {
                    EnvironmentUrl = _sandbox.Orgs[0].Url,
                    Authority = _sandbox.Credentials.Authority,
                    _sandbox.Credentials.ClientId,
                    _sandbox.Credentials.ClientSecret,
                    Tables = new[] { "lead", "account" },
                },
            },
        }));
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task CheckDiscoverSync_ConfiguredSandbox_ReachOrgAndSyncIncrementally()
    {
        var check = await Run("check", "--crm", "dataverse", "--json");
        var discover = await Run("discover", "--crm", "dataverse", "--json");
        var full = await Run("sync", "--crm", "dataverse", "--json");
        await _sandbox.SimulateAsync(_sandbox.Orgs[0].Key, 20);
        var incremental = await Run("sync", "--crm", "dataverse", "--entity", "lead", "--json");
        var writeBack = await Run("writeback", "--crm", "dataverse", "--entity", "lead", "--json");

        check.Code.ShouldBe(0, check.Error);
        JsonDocument.Parse(check.Output).RootElement.GetProperty("org").GetString().ShouldBe(_sandbox.Orgs[0].OrganizationId.ToString());
        JsonDocument.Parse(discover.Output).RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ShouldBe(["lead", "account"], ignoreOrder: true);
        full.Code.ShouldBe(0, full.Error);
        var fullTables = JsonDocument.Parse(full.Output).RootElement.GetProperty("tables").EnumerateArray().ToList();
        fullTables.Single(t => t.GetProperty("entity").GetString() == "lead").GetProperty("read").GetInt64().ShouldBeGreaterThanOrEqualTo(300);
        fullTables.ShouldAllBe(t => t.GetProperty("full").GetBoolean());
        incremental.Code.ShouldBe(0, incremental.Error);
        var lead = JsonDocument.Parse(incremental.Output).RootElement.GetProperty("tables")[0];
        lead.GetProperty("full").GetBoolean().ShouldBeFalse();
        lead.GetProperty("read").GetInt64().ShouldBeLessThan(300);
        writeBack.Code.ShouldBe(0, writeBack.Error);
        JsonDocument.Parse(writeBack.Output).RootElement[0].GetProperty("writerCalls").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Sync_MissingSecret_ExitsTwoNamingSetting()
    {
        var config = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(config, """{"Crmx":{"Dataverse":{"EnvironmentUrl":"https://contoso.crm.dynamics.com","TenantId":"t","ClientId":"c"}}}""");

        var (code, _, error) = await Cli.Run("sync", "--crm", "dataverse", "--config", config, "--data", _folder);

        code.ShouldBe(2);
        error.ShouldContain("Crmx:Dataverse:ClientSecret");
    }

    [Fact]
    public async Task Sync_StoreBoundToAnotherOrg_ExitsOneWithOneLineReason()
    {
        await using (var store = await Store.CrmStore.OpenAsync(new Store.StoreOptions { DataFolder = _folder }))
        {
            await store.Connections.BindAsync("dataverse", "dataverse", "https://prod.example", Scoring.Records.OrgId.Parse(Guid.NewGuid().ToString()));
        }

        var (code, _, error) = await Run("sync", "--crm", "dataverse", "--entity", "lead");

        code.ShouldBe(1);
        error.ShouldStartWith("crmx: Connection 'dataverse' was bound to org");
        error.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task Sync_UnknownCrm_ExitsTwoNamingTheChoices()
    {
        var (code, _, error) = await Run("sync", "--crm", "hubspot");

        code.ShouldBe(2);
        error.ShouldContain("dataverse or salesforce");
    }

    private Task<(int Code, string Output, string Error)> Run(params string[] args) =>
        Cli.Run([.. args, "--config", _config, "--data", _folder]);
}
