using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using CrmExtensions.Connectors.Salesforce;
using CrmExtensions.Install.Salesforce;
using CrmExtensions.Scoring.Outputs;
using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Cli.Commands;

/// <summary>
/// <c>crmx package salesforce --endpoint URL --integration-user USER --out DIR</c>: the SFDX project for one org
/// (docs/install-salesforce.md). The webhook key comes from <c>Crmx:Install:Webhook:Key</c> (e.g. the environment) or
/// is generated; it is never printed, only where it was written.
/// </summary>
internal static class PackageSalesforceCommand
{
    public static Command Create(TextWriter output)
    {
        var endpoint = new Option<string>("--endpoint") { Description = "crmx serve's Salesforce intake, e.g. https://crmx.example.com/api/webhooks/salesforce (the key is added).", Required = true };
        var user = new Option<string>("--integration-user") { Description = "Username of the integration user: outbound messages are sent as it.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the project: new, empty, or generated before (then updated).", Required = true };
        var featureFields = new Option<string[]>("--feature-field") { Description = "Another field whose change triggers scoring, as Object.Field__c (repeatable).", AllowMultipleArgumentsPerToken = true };
        var modifyAll = new Option<bool>("--modify-all") { Description = "Grant the integration user Modify All (with Delete) on scored objects, when sharing does not let it edit every record." };
        var command = new Command("salesforce", "Generate the SFDX project: CRMX_ fields, permission sets, record-page component, flows and outbound messages, uninstall manifests.")
        {
            endpoint, user, outDir, featureFields, modifyAll,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliSettings.Load(parse);
            var directory = parse.GetRequiredValue(outDir).FullName;
            var (key, source) = Key(settings, Path.Combine(directory, SalesforceProject.KeyFile));
            var salesforce = settings.Configuration.GetSection(SalesforceOptions.Section).Get<SalesforceOptions>() ?? new SalesforceOptions();
            if (!Uri.TryCreate(parse.GetRequiredValue(endpoint), UriKind.Absolute, out var endpointUri))
            {
                throw new UsageException("--endpoint must be an absolute URL, e.g. https://crmx.example.com/api/webhooks/salesforce.");
            }

            var options = new SalesforcePackageOptions(endpointUri, key, parse.GetRequiredValue(user), salesforce.EffectiveObjects)
            {
                ApiVersion = salesforce.ApiVersion,
                FeatureFields = parse.GetValue(featureFields) ?? [],
                ModifyAll = parse.GetValue(modifyAll),
            };
            var project = SalesforceProject.Generate(OutputCatalogue.Default, options);
            project.WriteTo(directory, source == KeySource.Configured ? null : key);
            await WriteAsync(output, parse, project, options, directory, source);
            return CliApp.Ok;
        });
        return command;
    }

    private enum KeySource
    {
        Configured,
        Reused,
        Generated,
    }

    // The configured key; else the one an earlier run generated into this folder (an upgrade keeps the host's
    // WebhookKey valid); else a new one: 32 random bytes, URL-safe, so it fits a query string unescaped.
    private static (string Key, KeySource Source) Key(CliSettings settings, string keyFile)
    {
        if (settings.Configuration[$"{InstallWebhook.Section}:Key"] is { Length: > 0 } configured)
        {
            return (configured, KeySource.Configured);
        }

        if (File.Exists(keyFile) && File.ReadAllText(keyFile).Trim() is { Length: >= SalesforcePackageOptions.MinimumKeyLength } earlier)
        {
            return (earlier, KeySource.Reused);
        }

        return (Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), KeySource.Generated);
    }

    private static async Task WriteAsync(TextWriter output, ParseResult parse, SalesforceProject project, SalesforcePackageOptions options, string directory, KeySource source)
    {
        var workflows = Path.Combine(directory, "force-app", "main", "default", "workflows");
        var keyFile = source == KeySource.Configured ? null : Path.Combine(directory, SalesforceProject.KeyFile);
        var keySource = source switch
        {
            KeySource.Configured => $"{InstallWebhook.Section}:Key",
            KeySource.Reused => "reused",
            _ => "generated",
        };
        var endpoint = options.Endpoint.AbsoluteUri + (string.IsNullOrEmpty(options.Endpoint.Query) ? "?" : "&") + "code=***";
        var counts = project.Components.ToDictionary(c => c.Key, c => c.Value.Count, StringComparer.Ordinal);
        if (parse.GetValue(GlobalOptions.Json))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                directory,
                files = project.Files.Count,
                components = counts,
                endpoint,
                integrationUser = options.IntegrationUser,
                key = new { source = keySource, keyFile, alsoIn = workflows },
            }));
            return;
        }

        await output.WriteLineAsync($"Wrote {project.Files.Count} files to {directory}:");
        foreach (var (type, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  {count,3} {type}");
        }

        await output.WriteLineAsync($"Outbound messages go to {endpoint}, sent as {options.IntegrationUser}.");
        await output.WriteLineAsync(source switch
        {
            KeySource.Configured => $"Webhook key: taken from {keySource}; written only into the endpoint URLs in {workflows}.",
            KeySource.Reused => $"Webhook key: the one already in {keyFile}, kept; written into the endpoint URLs in {workflows}.",
            _ => $"Webhook key: generated and written to {keyFile} (owner-only) and into the endpoint URLs in {workflows}. Set the same value as the connection's WebhookKey in crmx serve.",
        });
        await output.WriteLineAsync("Keep those files out of shared source control. Next (docs/install-salesforce.md):");
        await output.WriteLineAsync($"  cd {directory} && sf project deploy start -d force-app -o <org>");
        await output.WriteLineAsync("  sf org assign permset -n CRMX_Integration -o <org> -b <integration user>; assign CRMX_Readers to users who see the scores");
        await output.WriteLineAsync("  crmx check --crm salesforce");
    }
}
