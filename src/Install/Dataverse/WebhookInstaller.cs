using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// The webhook registration of dataverse.md §6: a <c>serviceendpoint</c> (contract 8 Webhook, authtype 4 Webhook Key,
/// message format 2 Json), and per table Create/Update <c>sdkmessageprocessingstep</c>s (stage 40, mode 1 async,
/// asyncautodelete) with a post-image of the feature columns. Rows are found by our names, compared and patched in
/// place, so a URL or key rotation updates rather than duplicates.
/// </summary>
internal static class WebhookInstaller
{
    public const string EndpointName = "CrmExtensions webhook";

    private const string StepPrefix = "CrmExtensions: ";

    private const string ImageName = "CrmExtensions post-image";

    public static async Task InstallAsync(WebApiClient api, WebhookRegistration webhook, List<InstallAction> actions, CancellationToken cancellationToken)
    {
        var endpointId = await EnsureEndpointAsync(api, webhook, actions, cancellationToken).ConfigureAwait(false);
        var existingSteps = await StepsAsync(api, endpointId, cancellationToken).ConfigureAwait(false);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (table, columns) in webhook.FeatureColumns.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var sorted = columns.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            foreach (var message in new[] { "Create", "Update" })
            {
                var name = $"{StepPrefix}{table} {message}";
                wanted.Add(name);
                var stepId = await EnsureStepAsync(api, endpointId, table, message, sorted, existingSteps.GetValueOrDefault(name), actions, cancellationToken).ConfigureAwait(false);
                await EnsureImageAsync(api, stepId, name, message, sorted, actions, cancellationToken).ConfigureAwait(false);
            }
        }

        // Steps of tables no longer configured would keep firing: remove them.
        foreach (var (name, step) in existingSteps.Where(s => !wanted.Contains(s.Key)))
        {
            await api.WriteAsync(HttpMethod.Delete, $"sdkmessageprocessingsteps({Guid(step, "sdkmessageprocessingstepid"):D})", null, null, $"step {name}", cancellationToken).ConfigureAwait(false);
            actions.Add(new("step", name, InstallActionKind.Deleted));
        }
    }

    /// <summary>Deletes images, steps and the endpoint; reports absent when there is none.</summary>
    public static async Task UninstallAsync(WebApiClient api, List<InstallAction> actions, CancellationToken cancellationToken)
    {
        var endpoint = await FindEndpointAsync(api, cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            actions.Add(new("endpoint", EndpointName, InstallActionKind.Absent));
            return;
        }

        var endpointId = Guid(endpoint, "serviceendpointid");
        foreach (var (name, step) in await StepsAsync(api, endpointId, cancellationToken).ConfigureAwait(false))
        {
            var stepId = Guid(step, "sdkmessageprocessingstepid");
            foreach (var image in await api.GetCollectionAsync($"sdkmessageprocessingstepimages?$select=sdkmessageprocessingstepimageid&$filter=_sdkmessageprocessingstepid_value eq {stepId:D}", $"images of step {name}", cancellationToken).ConfigureAwait(false))
            {
                await api.WriteAsync(HttpMethod.Delete, $"sdkmessageprocessingstepimages({Guid(image, "sdkmessageprocessingstepimageid"):D})", null, null, $"image of step {name}", cancellationToken).ConfigureAwait(false);
            }

            await api.WriteAsync(HttpMethod.Delete, $"sdkmessageprocessingsteps({stepId:D})", null, null, $"step {name}", cancellationToken).ConfigureAwait(false);
            actions.Add(new("step", name, InstallActionKind.Deleted));
        }

        await api.WriteAsync(HttpMethod.Delete, $"serviceendpoints({endpointId:D})", null, null, "endpoint " + EndpointName, cancellationToken).ConfigureAwait(false);
        actions.Add(new("endpoint", EndpointName, InstallActionKind.Deleted));
    }

    private static async Task<Guid> EnsureEndpointAsync(WebApiClient api, WebhookRegistration webhook, List<InstallAction> actions, CancellationToken cancellationToken)
    {
        // authvalue is write-only (dataverse.md §6, IsValidForRead=False): a fingerprint of the key in the description
        // tells whether it was rotated without ever reading or reporting the key itself.
        var description = $"CrmExtensions change events. Key fingerprint {Fingerprint(webhook.Key)}.";
        var body = new JsonObject
        {
            ["name"] = EndpointName,
            ["url"] = webhook.Url.AbsoluteUri,
            ["contract"] = 8,
            ["authtype"] = 4,
            ["messageformat"] = 2,
            ["description"] = description,
        };
        var found = await FindEndpointAsync(api, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            body["authvalue"] = webhook.Key;
            var id = await api.WriteAsync(HttpMethod.Post, "serviceendpoints", body, SolutionIdentity.SolutionUniqueName, "endpoint " + EndpointName, cancellationToken).ConfigureAwait(false);
            actions.Add(new("endpoint", EndpointName, InstallActionKind.Created));
            return id ?? throw new InstallException($"Creating endpoint {EndpointName} returned no OData-EntityId.");
        }

        var endpointId = Guid(found, "serviceendpointid");
        var changed = new List<string>();
        foreach (var (name, value) in body)
        {
            if (!string.Equals(found[name]?.ToJsonString(), value?.ToJsonString(), StringComparison.Ordinal))
            {
                changed.Add(name == "description" ? "key" : name);
            }
        }

        if (changed.Count == 0)
        {
            actions.Add(new("endpoint", EndpointName, InstallActionKind.Unchanged));
            return endpointId;
        }

        body["authvalue"] = webhook.Key;
        await api.WriteAsync(HttpMethod.Patch, $"serviceendpoints({endpointId:D})", body, null, "endpoint " + EndpointName, cancellationToken).ConfigureAwait(false);
        actions.Add(new("endpoint", EndpointName, InstallActionKind.Updated, string.Join(", ", changed)));
        return endpointId;
    }

    private static async Task<Guid> EnsureStepAsync(WebApiClient api, Guid endpointId, string table, string message, List<string> columns, JsonObject? existing, List<InstallAction> actions, CancellationToken cancellationToken)
    {
        var name = $"{StepPrefix}{table} {message}";
        var wanted = new JsonObject
        {
            ["name"] = name,
            ["stage"] = 40,
            ["mode"] = 1,
            ["rank"] = 1,
            ["asyncautodelete"] = true,
            ["supporteddeployment"] = 0,
        };
        if (message == "Update")
        {
            // Only changes of feature columns call us; our own write-back (output columns) does not.
            wanted["filteringattributes"] = string.Join(',', columns);
        }

        if (existing is not null)
        {
            var changed = wanted.Where(p => !string.Equals(existing[p.Key]?.ToJsonString(), p.Value?.ToJsonString(), StringComparison.Ordinal)).Select(p => p.Key).ToList();
            var stepId = Guid(existing, "sdkmessageprocessingstepid");
            if (changed.Count == 0)
            {
                actions.Add(new("step", name, InstallActionKind.Unchanged));
                return stepId;
            }

            await api.WriteAsync(HttpMethod.Patch, $"sdkmessageprocessingsteps({stepId:D})", wanted, null, $"step {name}", cancellationToken).ConfigureAwait(false);
            actions.Add(new("step", name, InstallActionKind.Updated, string.Join(", ", changed)));
            return stepId;
        }

        var messages = await api.GetCollectionAsync($"sdkmessages?$select=sdkmessageid&$filter=name eq '{message}'", $"message {message}", cancellationToken).ConfigureAwait(false);
        var messageId = messages is [var m, ..] ? Guid(m, "sdkmessageid") : throw new InstallException($"The org has no sdkmessage '{message}'.");
        var filters = await api.GetCollectionAsync($"sdkmessagefilters?$select=sdkmessagefilterid&$filter=primaryobjecttypecode eq '{table}' and _sdkmessageid_value eq {messageId:D}", $"message filter {table} {message}", cancellationToken).ConfigureAwait(false);
        var filterId = filters is [var f, ..] ? Guid(f, "sdkmessagefilterid") : throw new InstallException($"The org has no {message} message filter for table '{table}'; is the table installed?");
        wanted["sdkmessageid@odata.bind"] = $"/sdkmessages({messageId:D})";
        wanted["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({filterId:D})";
        wanted["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({endpointId:D})";
        var created = await api.WriteAsync(HttpMethod.Post, "sdkmessageprocessingsteps", wanted, SolutionIdentity.SolutionUniqueName, $"step {name}", cancellationToken).ConfigureAwait(false);
        actions.Add(new("step", name, InstallActionKind.Created));
        return created ?? throw new InstallException($"Creating step {name} returned no OData-EntityId.");
    }

    private static async Task EnsureImageAsync(WebApiClient api, Guid stepId, string stepName, string message, List<string> columns, List<InstallAction> actions, CancellationToken cancellationToken)
    {
        var wanted = new JsonObject
        {
            ["name"] = ImageName,
            ["entityalias"] = "PostImage",
            ["imagetype"] = 1,
            // The message property that names the record: Target for Update, Id for Create (UNVERIFIED on a real org).
            ["messagepropertyname"] = message == "Create" ? "Id" : "Target",
            ["attributes"] = string.Join(',', columns),
        };
        var what = $"image of step {stepName}";
        var images = await api.GetCollectionAsync($"sdkmessageprocessingstepimages?$select=sdkmessageprocessingstepimageid,name,entityalias,imagetype,messagepropertyname,attributes&$filter=_sdkmessageprocessingstepid_value eq {stepId:D} and name eq '{ImageName}'", what, cancellationToken).ConfigureAwait(false);
        if (images is [var existing, ..])
        {
            var changed = wanted.Where(p => !string.Equals(existing[p.Key]?.ToJsonString(), p.Value?.ToJsonString(), StringComparison.Ordinal)).Select(p => p.Key).ToList();
            if (changed.Count == 0)
            {
                actions.Add(new("image", stepName, InstallActionKind.Unchanged));
                return;
            }

            await api.WriteAsync(HttpMethod.Patch, $"sdkmessageprocessingstepimages({Guid(existing, "sdkmessageprocessingstepimageid"):D})", wanted, null, what, cancellationToken).ConfigureAwait(false);
            actions.Add(new("image", stepName, InstallActionKind.Updated, string.Join(", ", changed)));
            return;
        }

        wanted["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({stepId:D})";
        await api.WriteAsync(HttpMethod.Post, "sdkmessageprocessingstepimages", wanted, SolutionIdentity.SolutionUniqueName, what, cancellationToken).ConfigureAwait(false);
        actions.Add(new("image", stepName, InstallActionKind.Created));
    }

    private static async Task<JsonObject?> FindEndpointAsync(WebApiClient api, CancellationToken cancellationToken) =>
        await api.GetCollectionAsync($"serviceendpoints?$select=serviceendpointid,name,url,contract,authtype,messageformat,description&$filter=name eq '{EndpointName}'", "endpoint " + EndpointName, cancellationToken).ConfigureAwait(false) is [var first, ..] ? first : null;

    private static async Task<Dictionary<string, JsonObject>> StepsAsync(WebApiClient api, Guid endpointId, CancellationToken cancellationToken) =>
        (await api.GetCollectionAsync($"sdkmessageprocessingsteps?$select=sdkmessageprocessingstepid,name,stage,mode,rank,asyncautodelete,supporteddeployment,filteringattributes&$filter=_eventhandler_value eq {endpointId:D}", "steps of " + EndpointName, cancellationToken).ConfigureAwait(false))
            .Where(s => s["name"]?.GetValue<string>()?.StartsWith(StepPrefix, StringComparison.Ordinal) == true)
            .ToDictionary(s => s["name"]!.GetValue<string>(), StringComparer.Ordinal);

    private static string Fingerprint(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];

    private static Guid Guid(JsonObject row, string name) =>
        row[name]?.GetValue<string>() is { } text && System.Guid.TryParse(text, out var id) ? id : throw new InstallException($"The org returned a row without {name}.");
}
