using System.CommandLine;
using System.Text.Json;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Install.Dataverse;
using CrmExtensions.Scoring.Outputs;
using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Cli.Commands;

/// <summary>
/// <c>crmx package dataverse --out CrmExtensions_1_0_0_0.zip</c>: the unmanaged solution with the catalogue's output
/// columns and the runtime role, for admins who move customisations through solutions (docs/install.md).
/// </summary>
internal static class PackageDataverseCommand
{
    public static Command Create(TextWriter output)
    {
        var outFile = new Option<FileInfo>("--out") { Description = "The solution zip to write (overwritten).", DefaultValueFactory = _ => new FileInfo(SolutionPackage.DefaultFileName) };
        var unpacked = new Option<DirectoryInfo?>("--unpacked") { Description = "Also write the three XML files into this folder (e.g. solution-packages/dataverse)." };
        var noAttributeRoots = new Option<bool>("--no-attribute-roots") { Description = "List tables but not each column as root components (for an import that rejects type-2 root components)." };
        var command = new Command("dataverse", "Write an importable unmanaged Dataverse solution: output columns, runtime security role.") { outFile, unpacked, noAttributeRoots };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            var runtime = settings.Configuration.GetSection(DataverseOptions.Section);
            var options = new DataverseOptions();
            runtime.Bind(options);
            var package = new SolutionPackage(OutputCatalogue.Default, options.EffectiveTables, attributeRootComponents: !parse.GetValue(noAttributeRoots));
            var path = parse.GetRequiredValue(outFile).FullName;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            await using (var stream = File.Create(temporary))
            {
                package.WriteZip(stream);
            }

            // Through a temporary file, so a half-written zip never replaces a whole one.
            File.Move(temporary, path, overwrite: true);
            if (parse.GetValue(unpacked) is { } folder)
            {
                folder.Create();
                foreach (var (name, text) in package.Files())
                {
                    await File.WriteAllTextAsync(Path.Combine(folder.FullName, name), text, cancellationToken);
                }
            }

            var columns = OutputCatalogue.Default.Fields.Count;
            await output.WriteLineAsync(parse.GetValue(GlobalOptions.Json)
                ? JsonSerializer.Serialize(new { path, solution = SolutionIdentity.SolutionUniqueName, version = SolutionIdentity.SolutionVersion, tables = package.Tables, columns, rolePrivileges = package.RolePrivileges.Count })
                : $"Solution {SolutionIdentity.SolutionUniqueName} {SolutionIdentity.SolutionVersion} written to {path}: {columns} columns on {package.Tables.Count} tables, role {SolutionIdentity.RuntimeRoleName} with {package.RolePrivileges.Count} privileges. Import it unmanaged (docs/install.md); not yet imported into a real org.");
            return CliApp.Ok;
        });
        return command;
    }
}
