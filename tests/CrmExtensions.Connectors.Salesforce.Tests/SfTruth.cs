using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>
/// What the CRM holds, read and changed with plain HTTP calls as a user or admin would — not through the connector.
/// The sandbox serves no Salesforce create or delete (docs/sandbox-data.md "Missing from issue 8"), so those go through
/// the same org's Dataverse API, which shares the records.
/// </summary>
internal sealed class SfTruth(RunningSandbox sandbox, int org = 0) : IDisposable
{
    public const string Version = "62.0";

    private readonly HttpClient _http = new();
    private readonly SandboxOrg _org = sandbox.Orgs[org];
    private string? _sfToken;
    private string? _dvToken;

    public static SalesforceOptions Options(RunningSandbox sandbox, int org = 0, int pageSize = 200)
    {
        var options = new SalesforceOptions
        {
            LoginUrl = sandbox.Orgs[org].Url,
            ClientId = sandbox.Credentials.ClientId,
            ClientSecret = sandbox.Credentials.ClientSecret,
            ApiVersion = Version,
            PageSize = pageSize,
            RetryDelay = TimeSpan.FromMilliseconds(20),
        };
        options.Objects.Add("Lead");
        return options;
    }

    /// <summary>id → SystemModstamp of every live record of an object (query hides deleted rows, salesforce.md §2b).</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> RecordsAsync(string type = "Lead")
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        string? next = $"/services/data/v{Version}/query?q=" + Uri.EscapeDataString($"SELECT Id, SystemModstamp FROM {type}");
        while (next is not null)
        {
            var page = await SfJsonAsync(HttpMethod.Get, next, null);
            foreach (var row in page.GetProperty("records").EnumerateArray())
            {
                result.Add(row.GetProperty("Id").GetString()!, Instant(row.GetProperty("SystemModstamp").GetString()!));
            }

            next = page.GetProperty("done").GetBoolean() ? null : page.GetProperty("nextRecordsUrl").GetString();
        }

        return result;
    }

    public async Task<JsonElement> QueryAsync(string soql) =>
        (await SfJsonAsync(HttpMethod.Get, $"/services/data/v{Version}/query?q=" + Uri.EscapeDataString(soql), null)).GetProperty("records");

    public async Task<JsonElement> QueryAllAsync(string soql) =>
        (await SfJsonAsync(HttpMethod.Get, $"/services/data/v{Version}/queryAll?q=" + Uri.EscapeDataString(soql), null)).GetProperty("records");

    /// <summary>DailyApiRequests Max and Remaining from <c>GET limits</c>.</summary>
    public async Task<(long Max, long Remaining)> LimitsAsync()
    {
        var daily = (await SfJsonAsync(HttpMethod.Get, $"/services/data/v{Version}/limits", null)).GetProperty("DailyApiRequests");
        return (daily.GetProperty("Max").GetInt64(), daily.GetProperty("Remaining").GetInt64());
    }

    public async Task<JsonElement> RecordAsync(string type, string id) => await SfJsonAsync(HttpMethod.Get, $"/services/data/v{Version}/sobjects/{type}/{id}", null);

    public async Task PatchAsync(string type, string id, object fields)
    {
        using var response = await SfSendAsync(HttpMethod.Patch, $"/services/data/v{Version}/sobjects/{type}/{id}", JsonSerializer.Serialize(fields));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates a lead (through the Dataverse API) and returns its Salesforce id.</summary>
    public async Task<string> CreateLeadAsync(string lastName)
    {
        using var response = await DvSendAsync(HttpMethod.Post, "leads", JsonSerializer.Serialize(new { subject = "Interested in CRMX", lastname = lastName, companyname = "Test Co" }));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await QueryAsync($"SELECT Id FROM Lead WHERE LastName = '{lastName}'"))[0].GetProperty("Id").GetString()!;
    }

    /// <summary>Deletes a lead: marks it through Salesforce, finds it through Dataverse and deletes it there.</summary>
    public async Task DeleteLeadAsync(string id)
    {
        var marker = "Delete" + Guid.NewGuid().ToString("N");
        await PatchAsync("Lead", id, new { LastName = marker });
        using var found = await DvSendAsync(HttpMethod.Get, $"leads?$select=leadid&$filter=lastname eq '{marker}'", null);
        var guid = JsonDocument.Parse(await found.Content.ReadAsStringAsync()).RootElement.GetProperty("value")[0].GetProperty("leadid").GetString();
        using var response = await DvSendAsync(HttpMethod.Delete, $"leads({guid})", null);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>API calls per endpoint ("SF PATCH composite/sobjects") the sandbox counted for this org.</summary>
    public async Task<long> CallsAsync(string endpoint)
    {
        var stats = JsonDocument.Parse(await _http.GetStringAsync(new Uri(sandbox.BaseUrl, "_sandbox/stats"))).RootElement;
        return stats.TryGetProperty(_org.Key, out var o) && o.GetProperty("calls").TryGetProperty(endpoint, out var n) ? n.GetInt64() : 0;
    }

    public async Task SetFaultsAsync(FaultSettings faults)
    {
        using var content = new StringContent(JsonSerializer.Serialize(faults), Encoding.UTF8, "application/json");
        using var response = await _http.PutAsync(new Uri(sandbox.BaseUrl, "_sandbox/faults"), content);
        response.EnsureSuccessStatusCode();
    }

    public static FieldValue? Value(JsonElement record, string field) =>
        !record.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number ? new NumberValue(v.GetDouble())
        : new TextValue(v.GetString()!);

    public static DateTimeOffset Instant(string text) =>
        DateTimeOffset.Parse(text.EndsWith("+0000", StringComparison.Ordinal) ? text[..^5] + "Z" : text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SfJsonAsync(HttpMethod method, string path, string? json)
    {
        using var response = await SfSendAsync(method, path, json);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SfSendAsync(HttpMethod method, string path, string? json)
    {
        _sfToken ??= await SfTokenAsync();
        using var request = new HttpRequestMessage(method, new Uri(_org.Url.ToString().TrimEnd('/') + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _sfToken);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> DvSendAsync(HttpMethod method, string relative, string? json)
    {
        _dvToken ??= await DvTokenAsync();
        using var request = new HttpRequestMessage(method, new Uri(_org.ApiUrl, relative));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _dvToken);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    private async Task<string> SfTokenAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = sandbox.Credentials.ClientId, ["client_secret"] = sandbox.Credentials.ClientSecret,
        });
        using var response = await _http.PostAsync(new Uri(_org.Url.ToString().TrimEnd('/') + "/services/oauth2/token"), form);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<string> DvTokenAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = sandbox.Credentials.ClientId, ["client_secret"] = sandbox.Credentials.ClientSecret,
            ["scope"] = _org.Scope,
        });
        using var response = await _http.PostAsync(sandbox.Credentials.TokenEndpoint, form);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }
}
