using System.Text.Json;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Tests;

/// <summary>check, discover, sync and writeback with <c>--crm salesforce</c> against the in-process sandbox.</summary>
public sealed class SalesforceVerbTests : IAsyncLifetime
{
    private const string Secret = "wrong-secret-for-the-test";
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-sf-").FullName;
    private RunningSandbox _sandbox = null!;
    private string _config = string.Empty;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 2 });
        _config = await ConfigAsync("crmx.json", _sandbox.Credentials.ClientSecret);
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task CheckDiscoverSyncWriteBack_ConfiguredSandbox_ReachOrgAndSyncIncrementally()
    {
        var check = await Run(_config, "check", "--crm", "salesforce", "--json");
        var discover = await Run(_config, "discover", "--crm", "salesforce", "--json");
        var full = await Run(_config, "sync", "--crm", "salesforce", "--json");
        await _sandbox.SimulateAsync(_sandbox.Orgs[0].Key, 20);
        var incremental = await Run(_config, "sync", "--crm", "salesforce", "--entity", "Lead", "--json");
        var writeBack = await Run(_config, "writeback", "--crm", "salesforce", "--entity", "Lead", "--json");

        check.Code.ShouldBe(0, check.Error + check.Output);
        JsonDocument.Parse(check.Output).RootElement.GetProperty("org").GetString().ShouldStartWith("00D");
        JsonDocument.Parse(discover.Output).RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ShouldBe(["Lead", "Account"], ignoreOrder: true);
        full.Code.ShouldBe(0, full.Error);
        var summary = JsonDocument.Parse(full.Output).RootElement;
        summary.GetProperty("api").GetProperty("calls").GetInt64().ShouldBeGreaterThan(0);
        summary.GetProperty("api").GetProperty("budgetMax").GetInt64().ShouldBe(15_000);
        var fullTables = summary.GetProperty("tables").EnumerateArray().ToList();
        fullTables.Single(t => t.GetProperty("entity").GetString() == "Lead").GetProperty("read").GetInt64().ShouldBeGreaterThanOrEqualTo(290);
        fullTables.ShouldAllBe(t => t.GetProperty("full").GetBoolean());
        incremental.Code.ShouldBe(0, incremental.Error);
        var lead = JsonDocument.Parse(incremental.Output).RootElement.GetProperty("tables")[0];
        lead.GetProperty("full").GetBoolean().ShouldBeFalse();
        lead.GetProperty("read").GetInt64().ShouldBeLessThan(290);
        writeBack.Code.ShouldBe(0, writeBack.Error);
        JsonDocument.Parse(writeBack.Output).RootElement[0].GetProperty("writerCalls").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Check_WrongSecret_ExitsOneAndNeverPrintsTheSecret()
    {
        var config = await ConfigAsync("wrong.json", Secret);

        var (code, output, error) = await Run(config, "check", "--crm", "salesforce");

        code.ShouldBe(1);
        output.ShouldContain("ClientSecret");
        (output + error).ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Sync_MissingSecret_ExitsTwoNamingSetting()
    {
        var config = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(config, """{"Crmx":{"Salesforce":{"LoginUrl":"https://acme.my.salesforce.com","ClientId":"c"}}}""");

        var (code, _, error) = await Run(config, "sync", "--crm", "salesforce");

        code.ShouldBe(2);
        error.ShouldContain("Crmx:Salesforce:ClientSecret");
    }

    private async Task<string> ConfigAsync(string name, string secret)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new
        {
            Crmx = new
            {
                Salesforce = new
                {
                    LoginUrl = _sandbox.Orgs[0].Url,
                    _sandbox.Credentials.ClientId,
                    ClientSecret = secret,
                    Objects = new[] { "Lead", "Account" },
                    PageSize = 200,
                },
            },
        }));
        return path;
    }

    private Task<(int Code, string Output, string Error)> Run(string config, params string[] args) =>
        Cli.Run([.. args, "--config", config, "--data", _folder]);
}
