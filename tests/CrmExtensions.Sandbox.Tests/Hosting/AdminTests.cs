using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Hosting;

public sealed class AdminTests
{
    [Fact]
    public async Task Faults_TooManyRequestsAlways_Returns429ThenClears()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        using var http = new HttpClient();

        using var set = await http.PutAsJsonAsync(new Uri(sandbox.BaseUrl, "_sandbox/faults"), new FaultSettings { TooManyRequests = 1.0 });
        using var faulted = await client.GetAsync("WhoAmI");
        using var cleared = await http.PutAsJsonAsync(new Uri(sandbox.BaseUrl, "_sandbox/faults"), new FaultSettings());
        using var ok = await client.GetAsync("WhoAmI");

        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        faulted.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        faulted.Headers.RetryAfter.ShouldNotBeNull();
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Faults_SameSeed_ReplaysSameFailures()
    {
        async Task<string> RunAsync()
        {
            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10, Faults = new FaultSettings { Seed = 42, InternalServerError = 0.3, ServiceUnavailable = 0.2 } });
            using var client = await SandboxClient.ConnectAsync(sandbox);
            var codes = new List<int>();
            for (var i = 0; i < 30; i++)
            {
                using var response = await client.GetAsync("WhoAmI");
                codes.Add((int)response.StatusCode);
            }

            return string.Join(',', codes);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        second.ShouldBe(first);
        first.ShouldContain("500");
        first.ShouldContain("503");
        first.ShouldContain("200");
    }

    [Fact]
    public async Task Faults_ConnectionReset_CutsPageMidBody()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 50, Faults = new FaultSettings { ConnectionReset = 1.0 } });
        using var client = await SandboxClient.ConnectAsync(sandbox);

        await Should.ThrowAsync<HttpRequestException>(async () =>
        {
            using var response = await client.GetAsync("leads?$select=subject");
            await response.Content.ReadAsStringAsync();
        });
    }

    [Fact]
    public async Task Faults_BatchItemFailure_FailsInnerRequestWith500()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10, Faults = new FaultSettings { BatchItemFailure = 1.0 } });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        using var content = new StringContent("--b\r\nContent-Type: application/http\r\n\r\nGET /api/data/v9.2/WhoAmI HTTP/1.1\r\n\r\n--b--\r\n");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=b");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.Org.ApiUrl, "$batch")) { Content = content };
        request.Headers.Authorization = new("Bearer", client.Token);
        using var http = new HttpClient();

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).ShouldContain("HTTP/1.1 500");
    }

    [Fact]
    public async Task Stats_AfterCalls_CountsPerEndpointAndOrg()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 30, Orgs = 2 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        using var http = new HttpClient();
        await client.GetJsonAsync("leads?$select=subject");
        await client.GetJsonAsync("leads?$select=subject&$top=5");
        var id = (await client.GetJsonAsync("accounts?$select=accountid&$top=1")).GetProperty("value")[0].GetProperty("accountid").GetString();
        await client.SendAsync(HttpMethod.Patch, $"accounts({id})", "{\"name\":\"x\"}", ("If-Match", "*"));

        var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(sandbox.BaseUrl, "_sandbox/stats"))).RootElement.GetProperty("org1");

        stats.GetProperty("calls").GetProperty("GET leads").GetInt64().ShouldBe(2);
        stats.GetProperty("calls").GetProperty("PATCH accounts").GetInt64().ShouldBe(1);
        stats.GetProperty("recordsRead").GetInt64().ShouldBe(30 + 5 + 1);
        stats.GetProperty("recordsWritten").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Simulate_AppliesChangesVisibleInDelta()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 200 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        using var http = new HttpClient();
        var initial = await client.GetJsonAsync("leads?$select=subject", ("Prefer", "odata.track-changes"));
        var deltaLink = initial.GetProperty("@odata.deltaLink").GetString()!;

        using var simulated = await http.PostAsync(new Uri(sandbox.BaseUrl, "_sandbox/simulate?org=org1&count=200"), null);
        var result = JsonDocument.Parse(await simulated.Content.ReadAsStringAsync()).RootElement;
        var delta = await client.GetJsonAsync(deltaLink);

        simulated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (result.GetProperty("created").GetInt32() + result.GetProperty("updated").GetInt32()).ShouldBeGreaterThan(100);
        result.GetProperty("deleted").GetInt32().ShouldBeGreaterThan(0);
        delta.GetProperty("value").GetArrayLength().ShouldBeGreaterThan(20);
        delta.GetProperty("value").EnumerateArray().Count(r => r.TryGetProperty("reason", out var _)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Faults_DeltaTokenExpiry_RefusesValidToken()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        using var http = new HttpClient();
        var deltaLink = (await client.GetJsonAsync("leads?$select=subject", ("Prefer", "odata.track-changes"))).GetProperty("@odata.deltaLink").GetString()!;
        (await http.PutAsJsonAsync(new Uri(sandbox.BaseUrl, "_sandbox/faults"), new FaultSettings { DeltaTokenExpiry = 1.0 })).Dispose();

        using var response = await client.GetAsync(deltaLink);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("0x80044352");
    }

    [Fact]
    public async Task Faults_TokenExpiry_Returns401UntilNewToken()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        using var http = new HttpClient();
        (await http.PutAsJsonAsync(new Uri(sandbox.BaseUrl, "_sandbox/faults"), new FaultSettings { TokenExpiry = 1.0 })).Dispose();

        using var expired = await client.GetAsync("WhoAmI");
        (await http.PutAsJsonAsync(new Uri(sandbox.BaseUrl, "_sandbox/faults"), new FaultSettings())).Dispose();
        using var stillExpired = await client.GetAsync("WhoAmI");
        client.Token = await client.GetTokenAsync(client.Org.Scope);
        using var renewed = await client.GetAsync("WhoAmI");

        expired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        stillExpired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
