using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Host.Tests;

/// <summary>Plain Web API calls against the sandbox as an installer makes them (dataverse.md §0, §6, §7).</summary>
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

    private string? Token { get; set; }

    public static async Task<SandboxClient> ConnectAsync(RunningSandbox sandbox, int org = 0)
    {
        var client = new SandboxClient(sandbox, sandbox.Orgs[org]);
        var c = sandbox.Credentials;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = c.ClientId, ["client_secret"] = c.ClientSecret, ["scope"] = client.Org.Scope,
        });
        using var response = await client._http.PostAsync(c.TokenEndpoint, form);
        response.EnsureSuccessStatusCode();
        client.Token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        return client;
    }

    /// <param name="caller">A systemuserid to impersonate (MSCRMCallerID header), or null to act as the application user.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? json = null, Guid? caller = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Org.ApiUrl, relative));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (caller is { } user)
        {
            request.Headers.TryAddWithoutValidation("MSCRMCallerID", user.ToString("D"));
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string relative)
    {
        using var response = await SendAsync(HttpMethod.Get, relative);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Write calls ($batch, PATCH) the org has received, from the sandbox's own statistics.</summary>
    public async Task<long> WriteCallsAsync()
    {
        using var stats = JsonDocument.Parse(await _http.GetStringAsync(new Uri(Sandbox.BaseUrl, "_sandbox/stats")));
        if (!stats.RootElement.TryGetProperty(Org.Key, out var counters))
        {
            return 0;
        }

        return counters.GetProperty("calls").EnumerateObject()
            .Where(c => c.Name.StartsWith("POST $batch", StringComparison.Ordinal) || c.Name.StartsWith("PATCH", StringComparison.Ordinal))
            .Sum(c => c.Value.GetInt64());
    }

    /// <summary>Calls the org has received on one endpoint, e.g. <c>GET leads</c> (the sandbox's statistics label).</summary>
    public async Task<long> CallsOfAsync(string label)
    {
        using var stats = JsonDocument.Parse(await _http.GetStringAsync(new Uri(Sandbox.BaseUrl, "_sandbox/stats")));
        return stats.RootElement.TryGetProperty(Org.Key, out var counters) && counters.GetProperty("calls").TryGetProperty(label, out var count) ? count.GetInt64() : 0;
    }

    /// <summary>The org's call counters, for failure messages.</summary>
    public async Task<string> CallsAsync()
    {
        using var stats = JsonDocument.Parse(await _http.GetStringAsync(new Uri(Sandbox.BaseUrl, "_sandbox/stats")));
        return stats.RootElement.TryGetProperty(Org.Key, out var counters) ? counters.GetProperty("calls").GetRawText() : "{}";
    }

    public void Dispose() => _http.Dispose();
}
