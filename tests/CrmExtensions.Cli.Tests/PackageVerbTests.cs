using System.IO.Compression;
using System.Text.Json;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Cli.Tests;

/// <summary>crmx package dataverse: the zip on disk, the unpacked copy, and the same files as solution-packages/dataverse.</summary>
public sealed class PackageVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-package-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PackageDataverse_DefaultTables_WritesZipWhoseFilesMatchTheCheckedInSource()
    {
        var zipPath = Path.Combine(_folder, "CrmExtensions_1_0_0_0.zip");

        var (code, output, error) = await Cli.Run("package", "dataverse", "--out", zipPath, "--unpacked", Path.Combine(_folder, "unpacked"), "--json", "--data", _folder);

        code.ShouldBe(0, error);
        var summary = JsonDocument.Parse(output).RootElement;
        summary.GetProperty("columns").GetInt32().ShouldBe(OutputCatalogue.Default.Fields.Count);
        using var zip = ZipFile.OpenRead(zipPath);
        zip.Entries.Select(e => e.FullName).ShouldBe(["[Content_Types].xml", "solution.xml", "customizations.xml"]);
        var checkedIn = Path.Combine(Root(), "solution-packages", "dataverse");
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            (await reader.ReadToEndAsync()).ShouldBe(await File.ReadAllTextAsync(Path.Combine(checkedIn, entry.FullName)), entry.FullName);
            (await File.ReadAllTextAsync(Path.Combine(_folder, "unpacked", entry.FullName))).ShouldBe(await File.ReadAllTextAsync(Path.Combine(checkedIn, entry.FullName)), entry.FullName);
        }
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmExtensions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmExtensions.sln not found.");
    }
}
