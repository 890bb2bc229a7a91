using System.Net.Http.Headers;
using System.Text.Json;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Install.Tests;

/// <summary>A fresh sandbox org per test and an HttpClient holding a token for it (dataverse.md §5 client credentials).</summary>
public abstract class SandboxOrgFixture : IAsyncLifetime
{
    private protected RunningSandbox Sandbox { get; private set; } = null!;

    private protected CountingHandler Wire { get; } = new();

    private protected HttpClient Http { get; private set; } = null!;

    private protected Uri ApiRoot => Sandbox.Orgs[0].ApiUrl;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 20, Seed = 3 });
        Http = new HttpClient(Wire);
        using var token = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Sandbox.Credentials.ClientId,
            ["client_secret"] = Sandbox.Credentials.ClientSecret,
            ["scope"] = Sandbox.Orgs[0].Scope,
        });
        using var response = await Http.PostAsync(Sandbox.Credentials.TokenEndpoint, token);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        Wire.Reset();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Sandbox.DisposeAsync();
    }

    /// <summary>GETs a Web API path as JSON; null on 404.</summary>
    private protected async Task<JsonElement?> GetAsync(string relative)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ApiRoot, relative));
        using var response = await Http.SendAsync(request);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private protected async Task SendAsync(HttpMethod method, string relative, string json)
    {
        using var request = new HttpRequestMessage(method, new Uri(ApiRoot, relative)) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
