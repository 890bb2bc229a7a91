using System.Text.Json;

namespace CrmExtensions.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-cli-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task Help_ListsGlobalOptionsAndVerbs()
    {
        var (code, output, _) = await Run("--help");

        code.ShouldBe(0);
        output.ShouldContain("--data");
        output.ShouldContain("--store");
        output.ShouldContain("--config");
        output.ShouldContain("--json");
        output.ShouldContain("status");
    }

    [Fact]
    public async Task Version_PrintsAssemblyVersion()
    {
        var (code, output, _) = await Run("--version");

        code.ShouldBe(0);
        output.Trim().ShouldStartWith(CliApp.Version);
    }

    [Fact]
    public async Task StatusJson_NewDataFolder_CreatesStoreAndReportsSchema()
    {
        var (code, output, _) = await Run("status", "--data", _folder, "--json");

        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("schemaVersion").GetInt32().ShouldBeGreaterThan(0);
        json.RootElement.GetProperty("store").GetString().ShouldNotBeNull().ShouldContain("SQLite");
        File.Exists(Path.Combine(_folder, "crmx.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task Status_BadConnectionSetting_ExitsTwoNamingTheSetting()
    {
        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "crmx.json");
        await File.WriteAllTextAsync(config, """{"Crmx":{"Connections":[{"Name":"prod","Kind":"dataverse","Url":"http://contoso.example"}]}}""");

        var (code, _, error) = await Run("status", "--data", _folder, "--config", config);

        code.ShouldBe(2);
        error.ShouldContain("Crmx:Connections:0:Url");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Status_UnreachablePostgres_ExitsOneWithoutPassword()
    {
        var (code, _, error) = await Run("status", "--store", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=hunter2;Timeout=2");

        code.ShouldBe(1);
        error.ShouldStartWith("crmx: ");
        error.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task UnknownVerb_FailsWithNonZeroExit()
    {
        var (code, _, _) = await Run("no-such-verb");

        code.ShouldNotBe(0);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => Cli.Run(args);
}
