using System.Text;

namespace CrmExtensions.Sandbox.Tests.Salesforce;

public sealed class SfFaultTests
{
    [Fact]
    public async Task Faults_TokenExpiryAndServerError_UseSalesforceShapes()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 50, Seed = 13 });
        using var client = await SfClient.ConnectAsync(sandbox);
        using var http = new HttpClient();

        using (var put = await http.PutAsync(new Uri(sandbox.BaseUrl, "_sandbox/faults"), new StringContent("{\"internalServerError\":1}", Encoding.UTF8, "application/json")))
        {
            put.EnsureSuccessStatusCode();
        }

        var (serverError, error, r1) = await client.CallAsync(HttpMethod.Get, "limits");
        r1.Dispose();
        using (var put = await http.PutAsync(new Uri(sandbox.BaseUrl, "_sandbox/faults"), new StringContent("{\"tokenExpiry\":1}", Encoding.UTF8, "application/json")))
        {
            put.EnsureSuccessStatusCode();
        }

        var (expired, session, r2) = await client.CallAsync(HttpMethod.Get, "limits");
        r2.Dispose();

        serverError.ShouldBe(500);
        error[0].GetProperty("errorCode").GetString().ShouldBe("UNKNOWN_EXCEPTION");
        expired.ShouldBe(401);
        session[0].GetProperty("errorCode").GetString().ShouldBe("INVALID_SESSION_ID");
    }

    [Fact]
    public async Task Describe_IfModifiedSince_Returns304()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 50, Seed = 13 });
        using var client = await SfClient.ConnectAsync(sandbox);

        using var response = await client.SendAsync(HttpMethod.Get, "sobjects/Lead/describe", null, ("If-Modified-Since", "Wed, 01 Jul 2026 00:00:00 GMT"));

        ((int)response.StatusCode).ShouldBe(304);
    }
}
