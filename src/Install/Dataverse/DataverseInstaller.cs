using System.Text.Json.Nodes;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// Installs our customisations into a Dataverse org through documented Web API calls: the publisher
/// (<see cref="SolutionIdentity"/>), an unmanaged solution, the catalogue's output columns, the runtime user's security
/// role and the webhook registration. Each component is read
/// first and written only when it is missing or differs, so a second run makes no write calls; a changed column is
/// updated in place. Uninstall removes what install made, and finding nothing is not an error.
/// </summary>
public sealed class DataverseInstaller
{
    private readonly HttpClient _http;
    private readonly Uri _apiRoot;
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly OutputCatalogue _catalogue;

    /// <summary>Creates an installer for the org behind <paramref name="apiRoot"/>.</summary>
    /// <param name="http">An HttpClient that authenticates as the install identity (a System Customizer), never the runtime user.</param>
    /// <param name="apiRoot">The Web API root, e.g. <c>https://contoso.crm4.dynamics.com/api/data/v9.2/</c>.</param>
    /// <param name="catalogue">The output fields to install; their Dataverse tables and names.</param>
    public DataverseInstaller(HttpClient http, Uri apiRoot, OutputCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(apiRoot);
        ArgumentNullException.ThrowIfNull(catalogue);
        _http = http;
        _catalogue = catalogue;
        _apiRoot = apiRoot.AbsoluteUri.EndsWith('/') ? apiRoot : new Uri(apiRoot.AbsoluteUri + "/");
        _columns = [.. catalogue.Fields.Select(f => new ColumnDefinition(f)).OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.LogicalName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Creates or updates the publisher, the solution, every output column; when <paramref name="runtime"/> is given, the
    /// runtime user's security role and its assignment; when <paramref name="webhook"/> is given, the webhook endpoint,
    /// steps and images. Reports what it did.
    /// </summary>
    public async Task<InstallReport> InstallAsync(WebhookRegistration? webhook = null, RuntimeAccess? runtime = null, CancellationToken cancellationToken = default)
    {
        if (webhook is not null)
        {
            webhook = Validated(webhook);
        }

        var api = new WebApiClient(_http, _apiRoot);
        var actions = new List<InstallAction>();

        // The role's inputs (user, business unit, table privileges) are read before anything is written.
        var role = runtime is null ? null
            : await RoleInstaller.PrepareAsync(api, runtime, _columns.Select(c => c.Table), cancellationToken).ConfigureAwait(false);
        var publisherId = await EnsurePublisherAsync(api, actions, cancellationToken).ConfigureAwait(false);
        await EnsureSolutionAsync(api, publisherId, actions, cancellationToken).ConfigureAwait(false);
        foreach (var column in _columns)
        {
            actions.Add(await EnsureColumnAsync(api, column, cancellationToken).ConfigureAwait(false));
        }

        if (role is not null)
        {
            await RoleInstaller.InstallAsync(api, role, actions, cancellationToken).ConfigureAwait(false);
        }

        if (webhook is not null)
        {
            await WebhookInstaller.InstallAsync(api, webhook, actions, cancellationToken).ConfigureAwait(false);
        }

        return new InstallReport(actions, api.ReadCalls, api.WriteCalls);
    }

    /// <summary>
    /// Removes the webhook's images, steps and endpoint, so nothing fires any more. With <paramref name="role"/>, also
    /// takes the runtime role from its users and deletes it. With <paramref name="columns"/>, also deletes the output
    /// columns (and their values) and the solution; the publisher stays, as other solutions may use it. Safe to run again.
    /// </summary>
    public async Task<InstallReport> UninstallAsync(bool columns, bool role = false, CancellationToken cancellationToken = default)
    {
        var api = new WebApiClient(_http, _apiRoot);
        var actions = new List<InstallAction>();
        await WebhookInstaller.UninstallAsync(api, actions, cancellationToken).ConfigureAwait(false);
        if (role)
        {
            await RoleInstaller.UninstallAsync(api, actions, cancellationToken).ConfigureAwait(false);
        }

        if (columns)
        {
            foreach (var column in _columns)
            {
                var path = AttributePath(column);
                var existing = await api.GetAsync(path + "?$select=LogicalName", $"column {column.Name}", cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    actions.Add(new("column", column.Name, InstallActionKind.Absent));
                    continue;
                }

                await api.WriteAsync(HttpMethod.Delete, path, null, null, $"column {column.Name}", cancellationToken).ConfigureAwait(false);
                actions.Add(new("column", column.Name, InstallActionKind.Deleted));
            }

            var solution = await FindSolutionAsync(api, cancellationToken).ConfigureAwait(false);
            if (solution is null)
            {
                actions.Add(new("solution", SolutionIdentity.SolutionUniqueName, InstallActionKind.Absent));
            }
            else
            {
                // Deleting an unmanaged solution removes the container only; its components were deleted above.
                await api.WriteAsync(HttpMethod.Delete, $"solutions({Id(solution, "solutionid"):D})", null, null, $"solution {SolutionIdentity.SolutionUniqueName}", cancellationToken).ConfigureAwait(false);
                actions.Add(new("solution", SolutionIdentity.SolutionUniqueName, InstallActionKind.Deleted));
            }
        }

        return new InstallReport(actions, api.ReadCalls, api.WriteCalls);
    }

    // Clear errors before any call; output columns never trigger (our write-back would call us back).
    private WebhookRegistration Validated(WebhookRegistration webhook)
    {
        if (!webhook.Url.IsAbsoluteUri || webhook.Url.Scheme is not ("https" or "http"))
        {
            throw new InstallException("Webhook URL: must be an absolute http(s) URL (https on a real org).");
        }

        if (string.IsNullOrEmpty(webhook.Key) || webhook.Key.Length < 16)
        {
            throw new InstallException("Webhook key: must be at least 16 characters.");
        }

        var columns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (table, names) in webhook.FeatureColumns)
        {
            var features = names.Where(n => !_catalogue.IsOutputField(CrmKind.Dataverse, table, n)).ToList();
            if (features.Count == 0)
            {
                throw new InstallException($"Webhook table {table}: no feature columns (a step without filtering attributes would fire on every update).");
            }

            columns[table] = features;
        }

        return webhook with { FeatureColumns = columns };
    }

    private static async Task<Guid> EnsurePublisherAsync(WebApiClient api, List<InstallAction> actions, CancellationToken cancellationToken)
    {
        const string what = "publisher " + SolutionIdentity.PublisherUniqueName;
        var found = (await api.GetCollectionAsync(
            $"publishers?$select=publisherid,uniquename,friendlyname,customizationprefix,customizationoptionvalueprefix&$filter=uniquename eq '{SolutionIdentity.PublisherUniqueName}'",
            what, cancellationToken).ConfigureAwait(false)) is [var first, ..] ? first : null;
        if (found is null)
        {
            var created = await api.WriteAsync(HttpMethod.Post, "publishers", new JsonObject
            {
                ["uniquename"] = SolutionIdentity.PublisherUniqueName,
                ["friendlyname"] = SolutionIdentity.PublisherFriendlyName,
                ["customizationprefix"] = SolutionIdentity.Prefix,
                ["customizationoptionvalueprefix"] = SolutionIdentity.OptionValuePrefix,
                ["description"] = "Publisher of CrmExtensions' columns and event registrations.",
            }, null, what, cancellationToken).ConfigureAwait(false);
            actions.Add(new("publisher", SolutionIdentity.PublisherUniqueName, InstallActionKind.Created));
            return created ?? throw new InstallException($"Creating {what} returned no OData-EntityId.");
        }

        // The prefixes are permanent: column names and choice values already installed carry them.
        var prefix = found["customizationprefix"]?.GetValue<string>();
        var optionPrefix = found["customizationoptionvalueprefix"]?.GetValue<int>();
        if (!string.Equals(prefix, SolutionIdentity.Prefix, StringComparison.OrdinalIgnoreCase) || optionPrefix != SolutionIdentity.OptionValuePrefix)
        {
            throw new InstallException($"The org's {what} has prefix '{prefix}' and option value prefix {optionPrefix}, not '{SolutionIdentity.Prefix}' and {SolutionIdentity.OptionValuePrefix}. The installer will not change a publisher's prefixes; see docs/install.md.");
        }

        var id = Id(found, "publisherid");
        if (found["friendlyname"]?.GetValue<string>() != SolutionIdentity.PublisherFriendlyName)
        {
            await api.WriteAsync(HttpMethod.Patch, $"publishers({id:D})", new JsonObject { ["friendlyname"] = SolutionIdentity.PublisherFriendlyName }, null, what, cancellationToken).ConfigureAwait(false);
            actions.Add(new("publisher", SolutionIdentity.PublisherUniqueName, InstallActionKind.Updated, "friendlyname"));
        }
        else
        {
            actions.Add(new("publisher", SolutionIdentity.PublisherUniqueName, InstallActionKind.Unchanged));
        }

        return id;
    }

    private static async Task EnsureSolutionAsync(WebApiClient api, Guid publisherId, List<InstallAction> actions, CancellationToken cancellationToken)
    {
        const string what = "solution " + SolutionIdentity.SolutionUniqueName;
        var found = await FindSolutionAsync(api, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            await api.WriteAsync(HttpMethod.Post, "solutions", new JsonObject
            {
                ["uniquename"] = SolutionIdentity.SolutionUniqueName,
                ["friendlyname"] = SolutionIdentity.SolutionFriendlyName,
                ["version"] = SolutionIdentity.SolutionVersion,
                ["publisherid@odata.bind"] = $"/publishers({publisherId:D})",
                ["description"] = "CrmExtensions' output columns. Installed by crmx install.",
            }, null, what, cancellationToken).ConfigureAwait(false);
            actions.Add(new("solution", SolutionIdentity.SolutionUniqueName, InstallActionKind.Created));
            return;
        }

        if (found["ismanaged"]?.GetValue<bool>() == true)
        {
            throw new InstallException($"The org's {what} is managed: upgrade it by importing the new managed solution, not with crmx install.");
        }

        var changes = new JsonObject();
        if (found["friendlyname"]?.GetValue<string>() != SolutionIdentity.SolutionFriendlyName)
        {
            changes["friendlyname"] = SolutionIdentity.SolutionFriendlyName;
        }

        if (found["version"]?.GetValue<string>() != SolutionIdentity.SolutionVersion)
        {
            changes["version"] = SolutionIdentity.SolutionVersion;
        }

        if (found["_publisherid_value"]?.GetValue<string>() is { } publisher && Guid.Parse(publisher) != publisherId)
        {
            throw new InstallException($"The org's {what} belongs to another publisher than {SolutionIdentity.PublisherUniqueName}; the installer will not move it.");
        }

        if (changes.Count == 0)
        {
            actions.Add(new("solution", SolutionIdentity.SolutionUniqueName, InstallActionKind.Unchanged));
            return;
        }

        var detail = string.Join(", ", changes.Select(c => c.Key));
        await api.WriteAsync(HttpMethod.Patch, $"solutions({Id(found, "solutionid"):D})", changes, null, what, cancellationToken).ConfigureAwait(false);
        actions.Add(new("solution", SolutionIdentity.SolutionUniqueName, InstallActionKind.Updated, detail));
    }

    private static async Task<InstallAction> EnsureColumnAsync(WebApiClient api, ColumnDefinition column, CancellationToken cancellationToken)
    {
        var what = $"column {column.Name}";
        var path = AttributePath(column);
        var existing = await api.GetAsync(path, what, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await api.WriteAsync(HttpMethod.Post, $"EntityDefinitions(LogicalName='{column.Table}')/Attributes", column.CreateBody(), SolutionIdentity.SolutionUniqueName, what, cancellationToken).ConfigureAwait(false);
            return new("column", column.Name, InstallActionKind.Created);
        }

        // Choices come only with the typed path and $expand=OptionSet.
        var withOptions = column.IsChoice
            ? await api.GetAsync($"{path}/Microsoft.Dynamics.CRM.{column.MetadataType}?$select=LogicalName&$expand=OptionSet", what, cancellationToken).ConfigureAwait(false)
            : null;
        var differences = column.Differences(existing, withOptions);
        if (differences.Count == 0)
        {
            return new("column", column.Name, InstallActionKind.Unchanged);
        }

        await api.WriteAsync(HttpMethod.Put, path, column.UpdateBody(existing), SolutionIdentity.SolutionUniqueName, what, cancellationToken, mergeLabels: true).ConfigureAwait(false);
        return new("column", column.Name, InstallActionKind.Updated, string.Join("; ", differences));
    }

    private static async Task<JsonObject?> FindSolutionAsync(WebApiClient api, CancellationToken cancellationToken) =>
        (await api.GetCollectionAsync(
            $"solutions?$select=solutionid,uniquename,friendlyname,version,ismanaged,_publisherid_value&$filter=uniquename eq '{SolutionIdentity.SolutionUniqueName}'",
            "solution " + SolutionIdentity.SolutionUniqueName, cancellationToken).ConfigureAwait(false)) is [var first, ..] ? first : null;

    private static string AttributePath(ColumnDefinition column) =>
        $"EntityDefinitions(LogicalName='{column.Table}')/Attributes(LogicalName='{column.LogicalName}')";

    private static Guid Id(JsonObject row, string name) =>
        row[name]?.GetValue<string>() is { } text && Guid.TryParse(text, out var id) ? id : throw new InstallException($"The org returned a row without {name}.");
}
