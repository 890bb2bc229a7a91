using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Salesforce;

/// <summary>Plain HttpClient calls against the sandbox's Salesforce API (instance URL = the org URL).</summary>
internal sealed class SfClient : IDisposable
{
    public const string Version = "62.0";

    private readonly HttpClient _http = new();

    private SfClient(RunningSandbox sandbox, SandboxOrg org)
    {
        Sandbox = sandbox;
        Org = org;
    }

    public RunningSandbox Sandbox { get; }

    public SandboxOrg Org { get; }

    public string? Token { get; set; }

    public string InstanceUrl => Org.Url.ToString().TrimEnd('/');

    public static async Task<SfClient> ConnectAsync(RunningSandbox sandbox, int org = 0)
    {
        var client = new SfClient(sandbox, sandbox.Orgs[org]);
        using var response = await client.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = sandbox.Credentials.ClientId, ["client_secret"] = sandbox.Credentials.ClientSecret,
        });
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        client.Token = json.GetProperty("access_token").GetString();
        return client;
    }

    public async Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await _http.PostAsync(new Uri(InstanceUrl + "/services/oauth2/token"), content);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? json = null, params (string Name, string Value)[] headers)
    {
        var url = relative.StartsWith("/services/", StringComparison.Ordinal) ? InstanceUrl + relative : $"{InstanceUrl}/services/data/v{Version}/{relative}";
        var request = new HttpRequestMessage(method, new Uri(url));
        request.Headers.Accept.ParseAdd("application/json");
        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return _http.SendAsync(request);
    }

    public async Task<(int Status, JsonElement Json, HttpResponseMessage Response)> CallAsync(HttpMethod method, string relative, string? json = null, params (string Name, string Value)[] headers)
    {
        var response = await SendAsync(method, relative, json, headers);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    public async Task<JsonElement> QueryAsync(string soql, bool all = false, params (string Name, string Value)[] headers)
    {
        var (status, json, response) = await CallAsync(HttpMethod.Get, $"{(all ? "queryAll" : "query")}?q={Uri.EscapeDataString(soql)}", null, headers);
        response.Dispose();
        status.ShouldBe(200, json.ToString());
        return json;
    }

    /// <summary>Follows nextRecordsUrl to the end; returns every record and the page count.</summary>
    public async Task<(List<JsonElement> Records, int Pages)> QueryAllPagesAsync(string soql, bool all = false, params (string Name, string Value)[] headers)
    {
        var page = await QueryAsync(soql, all, headers);
        var records = page.GetProperty("records").EnumerateArray().ToList();
        var pages = 1;
        while (!page.GetProperty("done").GetBoolean())
        {
            var (status, json, response) = await CallAsync(HttpMethod.Get, page.GetProperty("nextRecordsUrl").GetString()!);
            response.Dispose();
            status.ShouldBe(200);
            page = json;
            records.AddRange(page.GetProperty("records").EnumerateArray());
            pages++;
        }

        return (records, pages);
    }

    public void Dispose() => _http.Dispose();
}
