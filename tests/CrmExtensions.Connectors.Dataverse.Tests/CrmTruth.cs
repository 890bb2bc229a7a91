using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>What the CRM holds, read and changed with plain HTTP calls as a user or admin would — not through the connector.</summary>
internal sealed class CrmTruth : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly RunningSandbox _sandbox;
    private readonly SandboxOrg _org;
    private string? _token;

    public CrmTruth(RunningSandbox sandbox, int org = 0)
    {
        _sandbox = sandbox;
        _org = sandbox.Orgs[org];
    }

    public static DataverseOptions Options(RunningSandbox sandbox, int org = 0, int pageSize = 200, int batchSize = 10) => new()
    {
        EnvironmentUrl = sandbox.Orgs[org].Url,
        Authority = sandbox.Credentials.Authority,
        ClientId = sandbox.Credentials.ClientId,
        ClientSecret = sandbox.Credentials.ClientSecret,
        PageSize = pageSize,
        BatchSize = batchSize,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        Tables = { "lead" },
    };

    /// <summary>id → modifiedon of every lead.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LeadsAsync()
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        string? next = "leads?$select=modifiedon";
        while (next is not null)
        {
            var page = await GetJsonAsync(next, "odata.maxpagesize=5000");
            foreach (var row in page.GetProperty("value").EnumerateArray())
            {
                result.Add(Guid.Parse(row.GetProperty("leadid").GetString()!).ToString("d"),
                    DateTimeOffset.Parse(row.GetProperty("modifiedon").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
            }

            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return result;
    }

    public async Task<JsonElement> LeadAsync(string id) => await GetJsonAsync($"leads({id})");

    /// <summary>Ids of the first rows of a set matching a filter.</summary>
    public async Task<IReadOnlyList<string>> IdsAsync(string set, string key, string filter, int top) =>
        [.. (await GetJsonAsync($"{set}?$select={key}&$filter={filter}&$top={top}")).GetProperty("value").EnumerateArray().Select(r => r.GetProperty(key).GetString()!)];

    public async Task<JsonElement> RowAsync(string relative) => await GetJsonAsync(relative);

    /// <summary>Adds a whole-number column through the metadata API, as <c>crmx install</c> would.</summary>
    public async Task AddIntegerColumnAsync(string table, string name)
    {
        var body = $$$"""{"@odata.type":"Microsoft.Dynamics.CRM.IntegerAttributeMetadata","SchemaName":"{{{name}}}","MinValue":0,"MaxValue":100,"DisplayName":{"LocalizedLabels":[{"Label":"{{{name}}}","LanguageCode":1033}]}}""";
        using var response = await SendAsync(HttpMethod.Post, $"EntityDefinitions(LogicalName='{table}')/Attributes", body);
        response.EnsureSuccessStatusCode();
    }

    public async Task<string> CreateLeadAsync(string lastName)
    {
        using var response = await SendAsync(HttpMethod.Post, "leads", JsonSerializer.Serialize(new { subject = "Interested in CRMX", lastname = lastName, companyname = "Test Co" }));
        response.EnsureSuccessStatusCode();
        var location = response.Headers.GetValues("OData-EntityId").Single();
        return Guid.Parse(location[(location.LastIndexOf('(') + 1)..^1]).ToString("d");
    }

    public async Task UpdateLeadAsync(string id, string subject)
    {
        using var response = await SendAsync(HttpMethod.Patch, $"leads({id})", JsonSerializer.Serialize(new { subject }), ("If-Match", "*"));
        response.EnsureSuccessStatusCode();
    }

    public async Task PatchAsync(string relative, string json)
    {
        using var response = await SendAsync(HttpMethod.Patch, relative, json, ("If-Match", "*"));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates a row and returns its id (from the OData-EntityId header).</summary>
    public async Task<string> CreateAsync(string set, string json)
    {
        using var response = await SendAsync(HttpMethod.Post, set, json);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        var location = response.Headers.GetValues("OData-EntityId").Single();
        return Guid.Parse(location[(location.LastIndexOf('(') + 1)..^1]).ToString("d");
    }

    public async Task DeleteAsync(string relative)
    {
        using var response = await SendAsync(HttpMethod.Delete, relative, null);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    public async Task DeleteLeadAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"leads({id})", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>API calls per endpoint ("GET leads", "POST $batch") the sandbox counted for this org.</summary>
    public async Task<long> CallsAsync(string endpoint)
    {
        var stats = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_sandbox.BaseUrl, "_sandbox/stats"))).RootElement;
        return stats.TryGetProperty(_org.Key, out var org) && org.GetProperty("calls").TryGetProperty(endpoint, out var n) ? n.GetInt64() : 0;
    }

    public async Task SetFaultsAsync(FaultSettings faults)
    {
        using var content = new StringContent(JsonSerializer.Serialize(faults), Encoding.UTF8, "application/json");
        using var response = await _http.PutAsync(new Uri(_sandbox.BaseUrl, "_sandbox/faults"), content);
        response.EnsureSuccessStatusCode();
    }

    public static FieldValue? Value(JsonElement lead, string field) =>
        !lead.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number ? new NumberValue(v.GetDouble())
        : new TextValue(v.GetString()!);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> GetJsonAsync(string relative, string? prefer = null)
    {
        using var response = await SendAsync(HttpMethod.Get, relative, null, prefer is null ? [] : [("Prefer", prefer)]);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? json, params (string Name, string Value)[] headers)
    {
        var response = await SendOnceAsync(method, relative, json, headers);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The sandbox clock may have moved past the token's lifetime.
        response.Dispose();
        _token = null;
        return await SendOnceAsync(method, relative, json, headers);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string relative, string? json, (string Name, string Value)[] headers)
    {
        _token ??= await TokenAsync();
        using var request = new HttpRequestMessage(method, relative.StartsWith("http", StringComparison.Ordinal) ? new Uri(relative) : new Uri(_org.ApiUrl, relative));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    private async Task<string> TokenAsync()
    {
        var c = _sandbox.Credentials;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = c.ClientId, ["client_secret"] = c.ClientSecret, ["scope"] = _org.Scope,
        });
        using var response = await _http.PostAsync(c.TokenEndpoint, form);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }
}
