using System.Text.Json;

namespace CrmExtensions.Cli.Tests;

/// <summary>The demo end to end against the in-process sandbox, at a small scale.</summary>
public sealed class DemoVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-demo-").FullName;

    [Fact]
    public async Task DemoJson_SmallScale_SyncsTrainsScoresAndWritesOnlyMaterialChangesTheSecondTime()
    {
        var keep = Path.Combine(_folder, "demo", "keep.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(keep)!);
        await File.WriteAllTextAsync(keep, "not the demo's");

        var (code, output, error) = await Cli.Run("demo", "--scale", "400", "--changes", "40", "--data", _folder, "--json");
        var again = await Cli.Run("demo", "--scale", "400", "--changes", "0", "--data", _folder, "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var phases = root.GetProperty("phases").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        phases["full sync"].GetProperty("records").GetInt64().ShouldBeGreaterThan(400);
        var firstWrite = phases["write-back"];
        var secondWrite = phases["write-back (material changes only)"];
        firstWrite.GetProperty("records").GetInt64().ShouldBeGreaterThan(0);
        secondWrite.GetProperty("records").GetInt64().ShouldBeLessThan(firstWrite.GetProperty("records").GetInt64());
        root.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldContain("lead-conversion");
        var writeBack = root.GetProperty("writeBack");
        writeBack.GetProperty("failed").GetInt64().ShouldBe(0);
        writeBack.GetProperty("skippedImmaterial").GetInt64().ShouldBeGreaterThan(0);
        root.GetProperty("records").EnumerateArray().First().GetProperty("reasons").GetString().ShouldNotBeNullOrEmpty();
        again.Code.ShouldBe(0, again.Error);
        using var second = JsonDocument.Parse(again.Output);
        second.RootElement.GetProperty("models").EnumerateArray().ShouldAllBe(m => m.GetProperty("version").GetInt32() == 1); // a fresh store each run
        File.Exists(keep).ShouldBeTrue();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
