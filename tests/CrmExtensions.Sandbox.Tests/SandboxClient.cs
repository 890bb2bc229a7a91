using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests;

/// <summary>Plain HttpClient calls against a running sandbox, with the headers dataverse.md §0 recommends.</summary>
internal sealed class SandboxClient : IDisposable
{
    private readonly HttpClient _http = new();

    private SandboxClient(RunningSandbox sandbox, SandboxOrg org)
    {
        Sandbox = sandbox;
        Org = org;
    }

    public RunningSandbox Sandbox { get; }

    public SandboxOrg Org { get; }

    public string? Token { get; set; }

    public static async Task<SandboxClient> ConnectAsync(RunningSandbox sandbox, int org = 0)
    {
        var client = new SandboxClient(sandbox, sandbox.Orgs[org]);
        client.Token = await client.GetTokenAsync(client.Org.Scope);
        return client;
    }

    public async Task<string> GetTokenAsync(string scope, string? secret = null)
    {
        var c = Sandbox.Credentials;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = c.ClientId, ["client_secret"] = secret ?? c.ClientSecret, ["scope"] = scope,
        });
        using var response = await _http.PostAsync(c.TokenEndpoint, form);
        var json = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(json).RootElement.GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? json = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, relative.StartsWith("http", StringComparison.Ordinal) ? new Uri(relative) : new Uri(Org.ApiUrl, relative));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
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

    public Task<HttpResponseMessage> GetAsync(string relative, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, relative, null, headers);

    public async Task<JsonElement> GetJsonAsync(string relative, params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync(relative, headers);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<HttpResponseMessage> PostRawAsync(string url, HttpContent content) => _http.PostAsync(new Uri(url), content);

    public void Dispose() => _http.Dispose();
}
