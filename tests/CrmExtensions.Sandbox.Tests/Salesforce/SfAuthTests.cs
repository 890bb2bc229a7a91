using System.Net;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Salesforce;

public sealed class SfAuthTests(SharedSandbox shared) : IClassFixture<SharedSandbox>
{
    [Fact]
    public async Task Token_ClientCredentials_ReturnsDocumentedKeysWithoutExpiresIn()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        using var response = await client.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = shared.Sandbox.Credentials.ClientId, ["client_secret"] = shared.Sandbox.Credentials.ClientSecret,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        // salesforce.md §1a "Sample Response" keys, in order.
        Normalize.Keys(json).ShouldBe(["access_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at"]);
        json.GetProperty("instance_url").GetString().ShouldBe(client.InstanceUrl);
        json.GetProperty("token_type").GetString().ShouldBe("Bearer");
        json.GetProperty("issued_at").ValueKind.ShouldBe(JsonValueKind.String);
        long.Parse(json.GetProperty("issued_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(1_600_000_000_000);
        json.GetProperty("id").GetString()!.ShouldMatch(@"/id/00D[0-9A-Za-z]{15}/005[0-9A-Za-z]{15}$");
    }

    [Fact]
    public async Task Token_BadSecret_Returns400InOAuthErrorShape()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        using var response = await client.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = shared.Sandbox.Credentials.ClientId, ["client_secret"] = "wrong",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Normalize.Keys(json).ShouldBe(["error", "error_description"]);
        json.GetProperty("error").GetString().ShouldBe("invalid_client");
    }

    [Fact]
    public async Task Token_JwtBearer_ChecksAudienceAndExpiry()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        var exp = DateTimeOffset.UtcNow.AddMinutes(3).ToUnixTimeSeconds();

        using var ok = await client.TokenAsync(Jwt(shared.Sandbox.Credentials.ClientId, "https://login.salesforce.com", exp));
        using var badAudience = await client.TokenAsync(Jwt(shared.Sandbox.Credentials.ClientId, "https://example.com", exp));
        using var expired = await client.TokenAsync(Jwt(shared.Sandbox.Credentials.ClientId, "https://login.salesforce.com", exp - 3600));

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.TryGetProperty("expires_in", out _).ShouldBeFalse();
        (await badAudience.Content.ReadAsStringAsync()).ShouldBe("{\"error\":\"invalid_grant\",\"error_description\":\"audience is invalid\"}");
        (await expired.Content.ReadAsStringAsync()).ShouldContain("expired authorization code");
    }

    [Fact]
    public async Task Data_BadToken_Returns401InvalidSessionIdArray()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        client.Token = "00Dxx0000001gPL!nope";

        var (status, json, response) = await client.CallAsync(HttpMethod.Get, "limits");
        response.Dispose();

        // salesforce.md §1d, verbatim body.
        status.ShouldBe(401);
        json.GetRawText().ShouldBe("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
    }

    [Fact]
    public async Task Token_ForOrg1_IsRejectedByOrg2()
    {
        using var one = await SfClient.ConnectAsync(shared.Sandbox);
        using var two = await SfClient.ConnectAsync(shared.Sandbox, 1);
        two.Token = one.Token;

        var (status, _, response) = await two.CallAsync(HttpMethod.Get, "limits");
        response.Dispose();

        status.ShouldBe(401);
    }

    [Fact]
    public async Task Versions_ListsSeveralVersions_AndEachIsServed()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);

        var (status, json, response) = await client.CallAsync(HttpMethod.Get, "/services/data/");
        response.Headers.Contains("Sforce-Limit-Info").ShouldBeFalse();
        response.Dispose();

        status.ShouldBe(200);
        var versions = json.EnumerateArray().ToList();
        versions.Count.ShouldBeGreaterThan(3);
        Normalize.Keys(versions[0]).ShouldBe(["label", "url", "version"]);
        versions.ShouldContain(v => v.GetProperty("version").GetString() == "62.0" && v.GetProperty("label").GetString() == "Winter '25");
        foreach (var v in new[] { "58.0", "62.0", "66.0" })
        {
            var (s, _, r) = await client.CallAsync(HttpMethod.Get, $"/services/data/v{v}/limits");
            r.Headers.GetValues("Sforce-Limit-Info").Single().ShouldStartWith("api-usage=");
            r.Dispose();
            s.ShouldBe(200);
        }

        var (unknown, _, r2) = await client.CallAsync(HttpMethod.Get, "/services/data/v12.0/limits");
        r2.Dispose();
        unknown.ShouldBe(404);
    }

    [Fact]
    public async Task Token_ClientCredentialsOnLoginHost_IsRefused_JwtIsNot()
    {
        using var http = new HttpClient();
        var login = new Uri(shared.Sandbox.BaseUrl, "services/oauth2/token");
        using var cc = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = shared.Sandbox.Credentials.ClientId, ["client_secret"] = shared.Sandbox.Credentials.ClientSecret,
        });
        using var jwt = new FormUrlEncodedContent(Jwt(shared.Sandbox.Credentials.ClientId, "https://login.salesforce.com", DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds()));

        using var refused = await http.PostAsync(login, cc);
        using var accepted = await http.PostAsync(login, jwt);

        (await refused.Content.ReadAsStringAsync()).ShouldBe("{\"error\":\"invalid_grant\",\"error_description\":\"request not supported on this domain\"}");
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_ClientCredentialsInBasicHeader_IsAccepted()
    {
        using var client = await SfClient.ConnectAsync(shared.Sandbox);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.InstanceUrl + "/services/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{shared.Sandbox.Credentials.ClientId}:{shared.Sandbox.Credentials.ClientSecret}")));

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Dictionary<string, string> Jwt(string clientId, string audience, long exp)
    {
        static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var claims = JsonSerializer.Serialize(new Dictionary<string, object> { ["iss"] = clientId, ["sub"] = "integration.user@example.com", ["aud"] = audience, ["exp"] = exp });
        return new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = $"{B64("{\"alg\":\"RS256\"}")}.{B64(claims)}.{B64("signature")}",
        };
    }
}
