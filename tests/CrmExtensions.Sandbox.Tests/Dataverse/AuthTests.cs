using System.Net;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

public sealed class AuthTests(SharedSandbox shared) : IClassFixture<SharedSandbox>
{
    [Fact]
    public async Task Request_WithoutToken_Returns401WithAuthorizationUri()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);
        client.Token = null;

        using var response = await client.GetAsync("WhoAmI");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        challenge.ShouldStartWith("Bearer authorization_uri=");
        challenge.ShouldContain($"{shared.Sandbox.Credentials.TenantId:D}/oauth2/authorize");
    }

    [Fact]
    public async Task WhoAmI_WithToken_ReturnsApplicationUserAndOrg()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync("WhoAmI");

        json.GetProperty("UserId").GetGuid().ShouldBe(client.Org.ApplicationUserId);
        json.GetProperty("OrganizationId").GetGuid().ShouldBe(client.Org.OrganizationId);
        json.GetProperty("BusinessUnitId").GetGuid().ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Token_ForOtherOrg_IsRejectedByThisOrg()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);
        client.Token = await client.GetTokenAsync(shared.Sandbox.Orgs[1].Scope);

        using var response = await client.GetAsync("WhoAmI");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_WithWrongSecret_IsRefused()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        await Should.ThrowAsync<HttpRequestException>(() => client.GetTokenAsync(client.Org.Scope, "wrong"));
    }

    [Fact]
    public async Task Token_WhenExpired_Returns401()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20, TimeProvider = time });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        (await client.GetAsync("WhoAmI")).StatusCode.ShouldBe(HttpStatusCode.OK);

        time.Advance(TimeSpan.FromHours(1));

        (await client.GetAsync("WhoAmI")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ServiceRoot_WithToken_ListsEntitySets()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync(client.Org.ApiUrl.ToString());
        var names = json.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

        names.ShouldContain("leads");
        names.ShouldContain("msdyn_predictivescores");
    }
}
