using System.CommandLine;
using System.Text.Json;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Install;
using CrmExtensions.Install.Dataverse;
using CrmExtensions.Scoring.Outputs;
using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Cli.Commands;

/// <summary>
/// <c>crmx install --crm dataverse</c> and <c>crmx uninstall --crm dataverse [--columns]</c>: our customisations, made
/// with the install identity of <c>Crmx:Install:Dataverse</c> (a System Customizer), never the runtime one.
/// </summary>
internal static class InstallCommands
{
    private const string RoleName = SolutionIdentity.RuntimeRoleName;

    /// <summary>Where the install identity is configured; same keys as <c>Crmx:Dataverse</c>.</summary>
    public const string Section = "Crmx:Install:Dataverse";

    public static Command Install(TextWriter output)
    {
        var crm = CrmConnection.Crm();
        var command = new Command("install", "Create or update the publisher, the solution, the output columns, the runtime security role and the webhook in the CRM; a second run writes nothing.") { crm };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            var (connector, notes) = Open(settings, parse.GetRequiredValue(crm));
            using (connector)
            {
                var webhook = await InstallWebhook.ResolveAsync(settings, connector.Connector, cancellationToken);
                if (webhook is null)
                {
                    notes.Add($"No webhook registered: set {InstallWebhook.Section}:Url and :Key to have changes sent to crmx serve.");
                }

                var report = await Installer(connector).InstallAsync(webhook, Runtime(settings, notes), cancellationToken);
                await WriteAsync(output, parse, "install", report, notes);
                return CliApp.Ok;
            }
        });
        return command;
    }

    public static Command Uninstall(TextWriter output)
    {
        var crm = CrmConnection.Crm();
        var columns = new Option<bool>("--columns") { Description = "Also delete the output columns and their values, and the solution." };
        var role = new Option<bool>("--role") { Description = "Also take the runtime security role from its users and delete it." };
        var command = new Command("uninstall", "Remove what crmx install made; safe to run again.") { crm, columns, role };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            var (connector, notes) = Open(settings, parse.GetRequiredValue(crm));
            using (connector)
            {
                var report = await Installer(connector).UninstallAsync(parse.GetValue(columns), parse.GetValue(role), cancellationToken);
                if (!parse.GetValue(columns))
                {
                    notes.Add("Columns kept: pass --columns to delete them and their values.");
                }

                await WriteAsync(output, parse, "uninstall", report, notes);
                return CliApp.Ok;
            }
        });
        return command;
    }

    // The shipped catalogue, like write-back uses (WriteBackCommand): what is installed is what is written.
    private static DataverseInstaller Installer(ConnectorHandle connection) =>
        new(connection.Connector.WebApi, connection.ApiRoot, OutputCatalogue.Default);

    // The runtime identity's role: read on the synced tables (Crmx:Dataverse:Tables), assigned to its application user.
    private static RuntimeAccess? Runtime(CliSettings settings, List<string> notes)
    {
        var section = settings.Configuration.GetSection(DataverseOptions.Section);
        if (!section.Exists())
        {
            notes.Add($"No security role made: {DataverseOptions.Section} (the runtime identity) is not configured.");
            return null;
        }

        var options = new DataverseOptions();
        section.Bind(options);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            notes.Add($"Role {RoleName} made but assigned to nobody: {DataverseOptions.Section}:ClientId is not set.");
            return new RuntimeAccess(null, options.EffectiveTables);
        }

        return Guid.TryParse(options.ClientId, out var applicationId)
            ? new RuntimeAccess(applicationId, options.EffectiveTables)
            : throw new UsageException($"{DataverseOptions.Section}:ClientId must be the runtime app registration's application (client) id, a GUID.");
    }

    private static (ConnectorHandle Connector, List<string> Notes) Open(CliSettings settings, string crm)
    {
        if (!string.Equals(crm, "dataverse", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--crm {crm}: install and uninstall support dataverse only so far (Salesforce gets a generated SFDX project, issue 11).");
        }

        var section = settings.Configuration.GetSection(Section);
        if (!section.Exists())
        {
            throw new UsageException($"{Section} is not configured: install needs its own identity (an app user with the System Customizer role), separate from the runtime identity in Crmx:Dataverse.");
        }

        var options = new DataverseOptions();
        section.Bind(options);
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new UsageException($"{Section}: " + string.Join(" ", failures));
        }

        var notes = new List<string>();
        var runtime = settings.Configuration.GetSection(DataverseOptions.Section).Get<DataverseOptions>();
        if (runtime?.ClientId is { Length: > 0 } runtimeClient && string.Equals(runtimeClient, options.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            notes.Add($"{Section} uses the same application as Crmx:Dataverse: give the runtime identity its own app without customisation rights.");
        }

        var apiRoot = new Uri($"{options.EnvironmentUrl!.AbsoluteUri.TrimEnd('/')}/api/data/v9.2/");
        return (new ConnectorHandle(DataverseConnector.Create(options), apiRoot), notes);
    }

    private static async Task WriteAsync(TextWriter output, ParseResult parse, string verb, InstallReport report, List<string> notes)
    {
        if (parse.GetValue(GlobalOptions.Json))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                verb,
                created = report.Count(InstallActionKind.Created),
                updated = report.Count(InstallActionKind.Updated),
                unchanged = report.Count(InstallActionKind.Unchanged),
                deleted = report.Count(InstallActionKind.Deleted),
                absent = report.Count(InstallActionKind.Absent),
                readCalls = report.ReadCalls,
                writeCalls = report.WriteCalls,
                actions = report.Actions.Select(a => new { component = a.Component, name = a.Name, kind = a.Kind.ToString().ToLowerInvariant(), detail = a.Detail }),
                notes,
            }));
            return;
        }

        foreach (var action in report.Actions.Where(a => a.Kind is not (InstallActionKind.Unchanged or InstallActionKind.Absent)))
        {
            await output.WriteLineAsync($"  {action.Kind.ToString().ToLowerInvariant(),-9} {action.Component} {action.Name}" + (action.Detail is null ? string.Empty : $" ({action.Detail})"));
        }

        await output.WriteLineAsync($"{verb}: {report.Count(InstallActionKind.Created)} created, {report.Count(InstallActionKind.Updated)} updated, " +
            $"{report.Count(InstallActionKind.Unchanged)} unchanged, {report.Count(InstallActionKind.Deleted)} deleted, {report.Count(InstallActionKind.Absent)} absent; " +
            $"{report.ReadCalls} reads, {report.WriteCalls} writes.");
        foreach (var note in notes)
        {
            await output.WriteLineAsync($"  note: {note}");
        }
    }

    /// <summary>The connector (owns the authenticated client) and the Web API root it talks to.</summary>
    private sealed record ConnectorHandle(DataverseConnector Connector, Uri ApiRoot) : IDisposable
    {
        public void Dispose() => Connector.Dispose();
    }
}
