using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Jobs.Tests;

/// <summary>
/// Plain Web API calls against the sandbox as an admin or an agent makes them (dataverse.md §0, §7): install our
/// output columns, read pages of records, edit a record.
/// </summary>
internal sealed class SandboxWebApi : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly SandboxOrg _org;
    private string _token = "";

    private SandboxWebApi(SandboxOrg org) => _org = org;

    public static async Task<SandboxWebApi> ConnectAsync(RunningSandbox sandbox)
    {
        var api = new SandboxWebApi(sandbox.Orgs[0]);
        var c = sandbox.Credentials;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = c.ClientId, ["client_secret"] = c.ClientSecret, ["scope"] = api._org.Scope,
        });
        using var response = await api._http.PostAsync(c.TokenEndpoint, form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        api._token = json.RootElement.GetProperty("access_token").GetString()!;
        return api;
    }

    public async Task InstallColumnAsync(OutputField field)
    {
        var label = new { LocalizedLabels = new[] { new { Label = field.DisplayName, LanguageCode = 1033 } } };
        object body = field.Type switch
        {
            OutputFieldType.WholeNumber => new Dictionary<string, object?> { ["@odata.type"] = "Microsoft.Dynamics.CRM.IntegerAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label, ["MinValue"] = field.Minimum, ["MaxValue"] = field.Maximum },
            OutputFieldType.Text => new Dictionary<string, object?> { ["@odata.type"] = "Microsoft.Dynamics.CRM.StringAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label, ["MaxLength"] = field.MaxLength },
            OutputFieldType.DateTime => new Dictionary<string, object?> { ["@odata.type"] = "Microsoft.Dynamics.CRM.DateTimeAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label },
            OutputFieldType.Choice => new Dictionary<string, object?>
            {
                ["@odata.type"] = "Microsoft.Dynamics.CRM.PicklistAttributeMetadata", ["SchemaName"] = field.DataverseName, ["DisplayName"] = label,
                ["OptionSet"] = new { Options = field.Options.Select(o => new { Value = o.DataverseValue, Label = new { LocalizedLabels = new[] { new { o.Label, LanguageCode = 1033 } } } }) },
            },
            _ => throw new InvalidOperationException($"No column type for {field.Type} in this test."),
        };
        using var response = await SendAsync(HttpMethod.Post, $"EntityDefinitions(LogicalName='{field.DataverseTable}')/Attributes", JsonSerializer.Serialize(body));
        response.IsSuccessStatusCode.ShouldBeTrue($"column {field.DataverseName}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonElement> GetJsonAsync(string relative)
    {
        using var response = await SendAsync(HttpMethod.Get, relative);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>Every row of a query, following @odata.nextLink.</summary>
    public async Task<List<JsonElement>> GetAllAsync(string relative)
    {
        var rows = new List<JsonElement>();
        string? next = relative;
        while (next is not null)
        {
            var page = await GetJsonAsync(next);
            rows.AddRange(page.GetProperty("value").EnumerateArray());
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return rows;
    }

    public async Task PatchAsync(string relative, string json)
    {
        using var response = await SendAsync(HttpMethod.Patch, relative, json);
        response.IsSuccessStatusCode.ShouldBeTrue($"PATCH {relative}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? json = null)
    {
        using var request = new HttpRequestMessage(method, relative.StartsWith("http", StringComparison.Ordinal) ? new Uri(relative) : new Uri(_org.ApiUrl, relative));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
