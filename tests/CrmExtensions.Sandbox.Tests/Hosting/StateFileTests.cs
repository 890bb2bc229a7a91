using System.Net;

namespace CrmExtensions.Sandbox.Tests.Hosting;

public sealed class StateFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sandbox-state-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task StateFile_SaveAndRestart_KeepsRowsColumnsAndDeltaTokens()
    {
        string leadId;
        string deltaLink;
        await using (var first = await SandboxServer.StartAsync(new SandboxOptions { Scale = 30, Seed = 5, StateFile = _path }))
        {
            using var client = await SandboxClient.ConnectAsync(first);
            leadId = (await client.GetJsonAsync("leads?$select=leadid&$top=1")).GetProperty("value")[0].GetProperty("leadid").GetString()!;
            await client.SendAsync(HttpMethod.Patch, $"leads({leadId})", "{\"subject\":\"Saved subject\"}", ("If-Match", "*"));
            await client.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='lead')/Attributes",
                "{\"@odata.type\":\"Microsoft.Dynamics.CRM.IntegerAttributeMetadata\",\"SchemaName\":\"cts_Score\"}");
            await client.SendAsync(HttpMethod.Patch, $"leads({leadId})", "{\"cts_score\":77}", ("If-Match", "*"));
            deltaLink = (await client.GetJsonAsync("leads?$select=subject", ("Prefer", "odata.track-changes"))).GetProperty("@odata.deltaLink").GetString()!;
        }

        File.Exists(_path).ShouldBeTrue();
        await using var second = await SandboxServer.StartAsync(new SandboxOptions { Scale = 30, Seed = 5, StateFile = _path });
        using var again = await SandboxClient.ConnectAsync(second);
        var row = await again.GetJsonAsync($"leads({leadId})?$select=subject,cts_score");
        var emptyDelta = await again.GetJsonAsync(deltaLink.Replace(new Uri(deltaLink).GetLeftPart(UriPartial.Authority), second.BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));

        row.GetProperty("subject").GetString().ShouldBe("Saved subject");
        row.GetProperty("cts_score").GetInt32().ShouldBe(77);
        emptyDelta.GetProperty("value").GetArrayLength().ShouldBe(0);
        (await again.GetJsonAsync("leads?$select=leadid")).GetProperty("value").GetArrayLength().ShouldBe(30);
        (await again.GetAsync("WhoAmI")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
