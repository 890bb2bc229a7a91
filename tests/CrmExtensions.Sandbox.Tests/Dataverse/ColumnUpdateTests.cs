using System.Net;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

/// <summary>PUT and DELETE of a custom column's definition (Microsoft's "Update a column" / delete through the metadata API).</summary>
public sealed class ColumnUpdateTests
{
    private const string Path = "EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='cts_band')";

    private const string Create = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.StringAttributeMetadata\",\"SchemaName\":\"cts_Band\",\"MaxLength\":50,"
        + "\"IsAuditEnabled\":{\"Value\":false,\"CanBeChanged\":true}}";

    [Fact]
    public async Task PutColumn_NewMaxLengthAndAudit_KeepsMetadataIdAndValues()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        using var created = await client.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='lead')/Attributes", Create);
        var before = await client.GetJsonAsync(Path);
        var id = (await client.GetJsonAsync("leads?$select=leadid&$top=1")).GetProperty("value")[0].GetProperty("leadid").GetString();
        using var patched = await client.SendAsync(HttpMethod.Patch, $"leads({id})", "{\"cts_band\":\"A\"}", ("If-Match", "*"));

        using var put = await client.SendAsync(HttpMethod.Put, Path,
            "{\"@odata.type\":\"Microsoft.Dynamics.CRM.StringAttributeMetadata\",\"MaxLength\":80,\"IsAuditEnabled\":{\"Value\":true}}", ("MSCRM.MergeLabels", "true"));

        put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await client.GetJsonAsync(Path);
        before.GetProperty("IsAuditEnabled").GetProperty("Value").GetBoolean().ShouldBeFalse();
        after.GetProperty("IsAuditEnabled").GetProperty("Value").GetBoolean().ShouldBeTrue();
        after.GetProperty("MaxLength").GetInt32().ShouldBe(80);
        after.GetProperty("MetadataId").GetString().ShouldBe(before.GetProperty("MetadataId").GetString());
        (await client.GetJsonAsync($"leads({id})?$select=cts_band")).GetProperty("cts_band").GetString().ShouldBe("A");
    }

    [Fact]
    public async Task PutColumn_OtherType_Returns400AndChangesNothing()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        using var created = await client.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='lead')/Attributes", Create);

        using var put = await client.SendAsync(HttpMethod.Put, Path, "{\"@odata.type\":\"Microsoft.Dynamics.CRM.MemoAttributeMetadata\",\"MaxLength\":80}");

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await put.Content.ReadAsStringAsync()).ShouldContain("cannot be changed");
        (await client.GetJsonAsync(Path)).GetProperty("MaxLength").GetInt32().ShouldBe(50);
    }

    [Fact]
    public async Task DeleteColumn_Custom_GoneFromMetadataRowsAndSolution()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        using var created = await client.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='lead')/Attributes", Create);

        using var deleted = await client.SendAsync(HttpMethod.Delete, Path);
        using var again = await client.SendAsync(HttpMethod.Delete, Path);
        using var read = await client.GetAsync("leads?$select=cts_band&$top=1");
        using var system = await client.SendAsync(HttpMethod.Delete, "EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='subject')");

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        read.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        system.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await system.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString()!.ShouldContain("subject");
    }
}
