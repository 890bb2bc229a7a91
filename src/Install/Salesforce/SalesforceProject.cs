using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Salesforce;

/// <summary>
/// The SFDX project for one org, generated from the output-field catalogue (salesforce.md §8): our custom fields on
/// the objects the catalogue names, two permission sets, the record-page component with its Jest tests, the outbound
/// message and flows that tell <c>crmx serve</c> about changes of feature fields, and the uninstall manifests. Built
/// whole in memory, so bad input fails before anything is written.
/// </summary>
public sealed class SalesforceProject
{
    /// <summary>Where the key goes when crmx generated it (never deployed: .forceignore and .gitignore list it).</summary>
    public const string KeyFile = ".crmx/webhook-key";

    /// <summary>The list of files the last generation wrote, so a regeneration removes only its own stale files.</summary>
    public const string ManifestFile = ".crmx/generated-files";

    private const string Source = "force-app/main/default";

    private SalesforceProject(IReadOnlyList<ProjectFile> files, IReadOnlyDictionary<string, List<string>> components)
    {
        Files = files;
        Components = components;
    }

    /// <summary>Every generated file.</summary>
    public IReadOnlyList<ProjectFile> Files { get; }

    /// <summary>The deployed components by metadata type (what <c>destructiveChanges.xml</c> removes).</summary>
    public IReadOnlyDictionary<string, List<string>> Components { get; }

    /// <summary>Generates the project; throws <see cref="InstallException"/> naming the parameter, field and reason.</summary>
    public static SalesforceProject Generate(OutputCatalogue catalogue, SalesforcePackageOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new InstallException(string.Join(" ", problems));
        }

        if (catalogue.Fields.Count == 0)
        {
            throw new InstallException("The output-field catalogue is empty: there is nothing to package.");
        }

        var api = options.ApiVersion;
        var files = new List<ProjectFile>();
        var components = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string type, string member) => (components.TryGetValue(type, out var list) ? list : components[type] = []).Add(member);

        foreach (var field in catalogue.Fields.OrderBy(f => f.SalesforceObject, StringComparer.Ordinal).ThenBy(f => f.SalesforceName, StringComparer.Ordinal))
        {
            files.Add(new($"{Source}/objects/{field.SalesforceObject}/fields/{field.SalesforceName}.field-meta.xml", CustomFieldMetadata.Xml(field)));
            Add("CustomField", $"{field.SalesforceObject}.{field.SalesforceName}");
        }

        var scored = catalogue.Fields.Select(f => f.SalesforceObject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var added in options.FeatureFields)
        {
            var (obj, _) = FeatureFields.Parse(added);
            if (!scored.Contains(obj, StringComparer.Ordinal))
            {
                throw new InstallException($"Feature field '{added}': {obj} has no output fields, so its changes are not sent (objects: {string.Join(", ", scored)}).");
            }
        }

        var features = scored.ToDictionary(o => o, o => FeatureFields.For(o, options.FeatureFields), StringComparer.Ordinal);
        IReadOnlyList<StandardField> FeaturesOf(string o) => features.TryGetValue(o, out var f) ? f : FeatureFields.For(o, []);

        files.Add(new($"{Source}/permissionsets/{PermissionSetMetadata.Readers}.permissionset-meta.xml", PermissionSetMetadata.ReadersXml(catalogue)));
        files.Add(new($"{Source}/permissionsets/{PermissionSetMetadata.Integration}.permissionset-meta.xml",
            PermissionSetMetadata.IntegrationXml(catalogue, options.SyncedObjects, FeaturesOf, options.ModifyAll)));
        Add("PermissionSet", PermissionSetMetadata.Readers);
        Add("PermissionSet", PermissionSetMetadata.Integration);

        foreach (var (path, content) in RecordInsightsComponent.Files(catalogue, api))
        {
            files.Add(new($"{Source}/lwc/{RecordInsightsComponent.Name}/{path}", content));
        }

        Add("LightningComponentBundle", RecordInsightsComponent.Name);

        foreach (var obj in scored)
        {
            files.Add(new($"{Source}/workflows/{obj}.workflow-meta.xml", EventWiringMetadata.WorkflowXml(obj, options), HoldsKey: true));
            Add("WorkflowOutboundMessage", $"{obj}.{EventWiringMetadata.OutboundMessageName}");
            files.Add(new($"{Source}/flows/{EventWiringMetadata.CreatedFlowName(obj)}.flow-meta.xml", EventWiringMetadata.CreatedFlowXml(obj, api)));
            files.Add(new($"{Source}/flows/{EventWiringMetadata.ChangedFlowName(obj)}.flow-meta.xml", EventWiringMetadata.ChangedFlowXml(obj, api, features[obj])));
            Add("Flow", EventWiringMetadata.CreatedFlowName(obj));
            Add("Flow", EventWiringMetadata.ChangedFlowName(obj));
        }

        files.Add(new("sfdx-project.json", ProjectScaffold.SfdxProjectJson(api)));
        files.Add(new("package.json", ProjectScaffold.PackageJson()));
        files.Add(new("jest.config.js", ProjectScaffold.JestConfig));
        files.Add(new(".forceignore", ProjectScaffold.ForceIgnore));
        files.Add(new(".gitignore", ProjectScaffold.GitIgnore));
        files.Add(new("uninstall/package.xml", ProjectScaffold.EmptyPackageXml(api)));
        files.Add(new("uninstall/destructiveChanges.xml", ProjectScaffold.DestructiveChangesXml(components, api)));
        return new SalesforceProject(files, components);
    }

    /// <summary>
    /// Writes the project into <paramref name="directory"/>: a new or empty folder, or one this generator wrote before
    /// (its files are replaced, files it no longer generates removed, anything else left alone). With
    /// <paramref name="generatedKey"/>, also writes the key to <see cref="KeyFile"/>, readable by the owner only.
    /// </summary>
    public void WriteTo(string directory, string? generatedKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = Path.GetFullPath(directory);
        var manifest = Path.Combine(root, ManifestFile);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !File.Exists(manifest))
        {
            throw new InstallException($"{root} is not empty and was not written by crmx package salesforce; choose a new folder.");
        }

        var previous = File.Exists(manifest) ? File.ReadAllLines(manifest) : [];
        foreach (var stale in previous.Except(Files.Select(f => f.Path), StringComparer.Ordinal))
        {
            var path = Resolve(root, stale);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        foreach (var file in Files)
        {
            WriteFile(Resolve(root, file.Path), file.Content, secret: file.HoldsKey);
        }

        if (generatedKey is not null)
        {
            WriteFile(Path.Combine(root, KeyFile), generatedKey + "\n", secret: true);
        }

        WriteFile(manifest, string.Join("\n", Files.Select(f => f.Path)) + "\n", secret: false);
    }

    // A manifest path must stay inside the project folder (a hand-edited manifest must not delete elsewhere).
    private static string Resolve(string root, string relative)
    {
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InstallException($"{ManifestFile} names '{relative}', which is outside {root}.");
        }

        return path;
    }

    private static void WriteFile(string path, string content, bool secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        if (secret && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
