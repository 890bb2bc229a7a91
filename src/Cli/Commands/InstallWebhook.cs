using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Install.Dataverse;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Specs;
using Microsoft.Extensions.Configuration;

namespace CrmExtensions.Cli.Commands;

/// <summary>
/// The webhook <c>crmx install</c> registers when <c>Crmx:Install:Webhook:Url</c> is set (the key from
/// <c>Crmx:Install:Webhook:Key</c>, e.g. the environment): filtering attributes are the feature columns the default
/// specs select on the org's own schema, so a change of any other column (or of our outputs) does not call us.
/// </summary>
internal static class InstallWebhook
{
    public const string Section = "Crmx:Install:Webhook";

    public static async Task<WebhookRegistration?> ResolveAsync(CliSettings settings, DataverseConnector connector, CancellationToken cancellationToken)
    {
        var section = settings.Configuration.GetSection(Section);
        if (section["Url"] is not { Length: > 0 } url)
        {
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new UsageException($"{Section}:Url is not an absolute URL.");
        }

        if (section["Key"] is not { Length: >= 16 } key)
        {
            throw new UsageException($"{Section}:Key must be set (at least 16 characters; the same value as the host's WebhookKey).");
        }

        return await ForAsync(connector, uri, key, cancellationToken);
    }

    /// <summary>The registration for <paramref name="url"/> and <paramref name="key"/>, with the feature columns of the org's schema (also used by <c>crmx demo</c>).</summary>
    public static async Task<WebhookRegistration> ForAsync(DataverseConnector connector, Uri url, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var schemas = await connector.Source.DiscoverAsync(cancellationToken);
        var columns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in DefaultSpecs.For(CrmKind.Dataverse).GroupBy(s => s.Entity, StringComparer.Ordinal))
        {
            var schema = schemas.FirstOrDefault(s => s.Name == group.Key)
                ?? throw new InvalidOperationException($"Table {group.Key} (default spec {group.First().Name}) was not found in the org; add it to Crmx:Install:Dataverse:Tables.");
            var fields = schema.Fields.Where(f => !OutputCatalogue.Default.IsOutputField(CrmKind.Dataverse, group.Key, f.Name)).ToDictionary(f => f.Name, f => f.Type, StringComparer.Ordinal);
            var secured = schema.Fields.Where(f => f.Secured).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            columns[group.Key] = [.. group.SelectMany(spec => FeatureSelector.Select(spec, fields, secured).Included.Select(f => f.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        return new WebhookRegistration(url, key, columns);
    }
}
