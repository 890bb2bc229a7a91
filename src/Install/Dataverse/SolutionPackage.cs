using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// The importable unmanaged solution of <c>crmx package dataverse</c> (dataverse.md §7 "Zip layout"):
/// <c>[Content_Types].xml</c>, <c>solution.xml</c> (manifest, publisher, root components) and <c>customizations.xml</c>
/// (the catalogue's output columns on their tables and the runtime role), generated from the same catalogue and
/// <see cref="SolutionIdentity"/> as <c>crmx install</c>. Output is deterministic, so the unpacked files can be kept
/// in <c>solution-packages/dataverse</c> and compared by a test.
/// </summary>
public sealed partial class SolutionPackage
{
    /// <summary>The three files, in the order they are written to the zip.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["[Content_Types].xml", "solution.xml", "customizations.xml"];

    // Zip entries carry this time so two runs produce identical bytes.
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly IReadOnlyList<string> _syncedTables;

    /// <summary>Creates the package of <paramref name="catalogue"/>'s columns and a role reading <paramref name="syncedTables"/>.</summary>
    /// <param name="catalogue">The output fields: every one becomes a column, every table a root component.</param>
    /// <param name="syncedTables">Tables the runtime reads (<c>Crmx:Dataverse:Tables</c> or its defaults).</param>
    /// <param name="attributeRootComponents">Also list each column as a root component of type 2 (see docs/install.md: whether an import needs or accepts these is unverified).</param>
    public SolutionPackage(OutputCatalogue catalogue, IReadOnlyList<string> syncedTables, bool attributeRootComponents = true)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(syncedTables);
        _columns = [.. catalogue.Fields.Select(f => new ColumnDefinition(f)).OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.LogicalName, StringComparer.Ordinal)];
        _syncedTables = [.. syncedTables.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        AttributeRootComponents = attributeRootComponents;
        foreach (var table in Tables.Concat(_syncedTables))
        {
            _ = TableNames.Schema(table); // unknown tables fail here, before anything is written
        }
    }

    /// <summary>Whether columns are listed as type-2 root components.</summary>
    public bool AttributeRootComponents { get; }

    /// <summary>The zip's conventional name, <c>CrmExtensions_1_0_0_0.zip</c>.</summary>
    public static string DefaultFileName => $"{SolutionIdentity.SolutionUniqueName}_{SolutionIdentity.SolutionVersion.Replace('.', '_')}.zip";

    /// <summary>The tables that get columns, in order.</summary>
    public IReadOnlyList<string> Tables => [.. _columns.Select(c => c.Table).Distinct(StringComparer.Ordinal)];

    /// <summary>The role's privileges by name, all at Global depth: read on synced and output tables, write on output tables, metadata reads.</summary>
    public IReadOnlyList<string> RolePrivileges =>
    [
        .. _syncedTables.Concat(Tables).Select(t => TableNames.Privilege("Read", t))
            .Concat(Tables.Select(t => TableNames.Privilege("Write", t)))
            .Concat(SolutionIdentity.MetadataPrivileges)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
    ];

    /// <summary>The three files as text, keyed by name.</summary>
    public IReadOnlyDictionary<string, string> Files() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FileNames[0]] = Text(ContentTypes()),
        [FileNames[1]] = Text(Manifest()),
        [FileNames[2]] = Text(Customizations()),
    };

    /// <summary>Writes the zip to <paramref name="output"/>.</summary>
    public void WriteZip(Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, text) in Files())
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            using var stream = entry.Open();
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
            stream.Write(bytes);
        }
    }

    /// <summary><c>[Content_Types].xml</c>: every .xml part as application/octet-stream (dataverse.md §7).</summary>
    private static XDocument ContentTypes()
    {
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(ns + "Types", new XElement(ns + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/octet-stream"))));
    }

    private static string Text(XDocument document)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using var memory = new MemoryStream();
        using (var writer = XmlWriter.Create(memory, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(memory.ToArray()) + "\n";
    }
}
