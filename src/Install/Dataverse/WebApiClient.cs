using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// The few Web API calls the installer makes, with the headers of dataverse.md §0, counting reads and writes. The
/// <see cref="HttpClient"/> is handed in already authenticated (the install identity), so this class sees no secret.
/// </summary>
internal sealed class WebApiClient(HttpClient http, Uri apiRoot)
{
    /// <summary>The Web API root, for absolute <c>@odata.id</c> references.</summary>
    public Uri ApiRoot => apiRoot;

    public int ReadCalls { get; private set; }

    public int WriteCalls { get; private set; }

    /// <summary>GETs a resource relative to the API root; null when it does not exist (404).</summary>
    public async Task<JsonObject?> GetAsync(string relative, string what, CancellationToken cancellationToken)
    {
        ReadCalls++;
        using var request = Request(HttpMethod.Get, relative, null, null);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await ThrowOnFailureAsync(response, "read", what, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject ?? throw new InstallException($"Reading {what} returned a body that is not a JSON object.");
    }

    /// <summary>The <c>value</c> array of a collection GET.</summary>
    public async Task<IReadOnlyList<JsonObject>> GetCollectionAsync(string relative, string what, CancellationToken cancellationToken)
    {
        var page = await GetAsync(relative, what, cancellationToken).ConfigureAwait(false);
        return page?["value"] is JsonArray items ? [.. items.OfType<JsonObject>()] : [];
    }

    /// <summary>
    /// Sends a write (POST, PATCH, PUT, DELETE). <paramref name="solution"/> adds <c>MSCRM.SolutionUniqueName</c> so a
    /// created or updated component lands in our solution (dataverse.md §0 and §7). Returns the id from
    /// <c>OData-EntityId</c> when the service sends one.
    /// </summary>
    public async Task<Guid?> WriteAsync(HttpMethod method, string relative, JsonNode? body, string? solution, string what, CancellationToken cancellationToken, bool mergeLabels = false)
    {
        WriteCalls++;
        using var request = Request(method, relative, body, solution);
        if (mergeLabels)
        {
            // Keep labels in languages we do not write (Microsoft's "Update a column" guidance).
            request.Headers.TryAddWithoutValidation("MSCRM.MergeLabels", "true");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (method == HttpMethod.Delete && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // Already gone: uninstall is idempotent.
        }

        await ThrowOnFailureAsync(response, method.Method, what, cancellationToken).ConfigureAwait(false);
        var entityId = response.Headers.TryGetValues("OData-EntityId", out var values) ? values.FirstOrDefault() : null;
        return entityId is not null && LastGuid(entityId) is { } id ? id : null;
    }

    private HttpRequestMessage Request(HttpMethod method, string relative, JsonNode? body, string? solution)
    {
        var request = new HttpRequestMessage(method, new Uri(apiRoot, relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.TryAddWithoutValidation("If-None-Match", "null");
        if (solution is not null)
        {
            request.Headers.TryAddWithoutValidation("MSCRM.SolutionUniqueName", solution);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    // dataverse.md §3 "Error JSON shape": {"error":{"code":"0x…","message":"…"}}. The service's message describes
    // definitions (names, types), not customers' values, so it is passed on.
    private static async Task ThrowOnFailureAsync(HttpResponseMessage response, string verb, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? code = null;
        string? message = null;
        try
        {
            if (JsonNode.Parse(text)?["error"] is JsonObject error)
            {
                code = error["code"]?.GetValue<string>();
                message = error["message"]?.GetValue<string>();
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): report the status only.
        }

        throw new InstallException($"Could not {verb.ToLowerInvariant()} {what}: HTTP {(int)response.StatusCode}" +
            (code is null ? string.Empty : $" {code}") + (message is null ? "." : $": {message}"));
    }

    private static Guid? LastGuid(string url)
    {
        var open = url.LastIndexOf('(');
        var close = url.LastIndexOf(')');
        return open >= 0 && close > open && Guid.TryParse(url.AsSpan(open + 1, close - open - 1), out var id) ? id : null;
    }
}
