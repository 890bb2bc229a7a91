using System.Net;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

/// <summary>
/// Roles, privileges and user roles in the documented Web API shapes: EntityMetadata.Privileges, the role actions
/// AddPrivilegesRole / ReplacePrivilegesRole / RemovePrivilegeRole, RetrieveRolePrivilegesRole and systemuserroles_association.
/// </summary>
public sealed class SecurityRoleTests
{
    [Fact]
    public async Task EntityPrivileges_LeadAndTask_NamedByTableAndActivitiesShareOnes()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);

        var lead = (await client.GetJsonAsync("EntityDefinitions(LogicalName='lead')?$select=LogicalName,Privileges")).GetProperty("Privileges");
        var task = (await client.GetJsonAsync("EntityDefinitions(LogicalName='task')?$select=LogicalName,Privileges")).GetProperty("Privileges");

        var read = lead.EnumerateArray().Single(p => p.GetProperty("PrivilegeType").GetString() == "Read");
        read.GetProperty("Name").GetString().ShouldBe("prvReadLead");
        read.GetProperty("CanBeGlobal").GetBoolean().ShouldBeTrue();
        task.EnumerateArray().Single(p => p.GetProperty("PrivilegeType").GetString() == "Write").GetProperty("Name").GetString().ShouldBe("prvWriteActivity");
        var row = await client.GetJsonAsync($"privileges({read.GetProperty("PrivilegeId").GetString()})?$select=name,accessright");
        row.GetProperty("name").GetString().ShouldBe("prvReadLead");
        row.GetProperty("accessright").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task ReplacePrivilegesRole_ThenRetrieve_ReturnsExactlyTheNewSetWithDepths()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (roleId, bu) = await CreateRoleAsync(client);
        var readLead = await PrivilegeAsync(client, "lead", "Read");
        var writeLead = await PrivilegeAsync(client, "lead", "Write");
        var readAccount = await PrivilegeAsync(client, "account", "Read");
        using var added = await client.SendAsync(HttpMethod.Post, $"roles({roleId})/Microsoft.Dynamics.CRM.AddPrivilegesRole",
            $$"""{"Privileges":[{"Depth":"Global","PrivilegeId":"{{readLead}}","BusinessUnitId":"{{bu}}"},{"Depth":"Basic","PrivilegeId":"{{writeLead}}","BusinessUnitId":"{{bu}}"}]}""");

        using var replaced = await client.SendAsync(HttpMethod.Post, $"roles({roleId})/Microsoft.Dynamics.CRM.ReplacePrivilegesRole",
            $$"""{"Privileges":[{"Depth":"Global","PrivilegeId":"{{writeLead}}","BusinessUnitId":"{{bu}}"},{"Depth":3,"PrivilegeId":"{{readAccount}}","BusinessUnitId":"{{bu}}"}]}""");

        added.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        replaced.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var result = await client.GetJsonAsync($"RetrieveRolePrivilegesRole(RoleId=@p1)?@p1={roleId}");
        var privileges = result.GetProperty("RolePrivileges").EnumerateArray()
            .Select(p => $"{p.GetProperty("PrivilegeId").GetString()}:{p.GetProperty("Depth").GetString()}").Order(StringComparer.Ordinal).ToList();
        privileges.ShouldBe(new[] { $"{writeLead}:Global", $"{readAccount}:Global" }.Order(StringComparer.Ordinal).ToList());
        var masks = await client.GetJsonAsync($"roleprivilegescollection?$select=privilegeid,privilegedepthmask&$filter=roleid eq {roleId}");
        masks.GetProperty("value").EnumerateArray().ShouldAllBe(r => r.GetProperty("privilegedepthmask").GetInt32() == 8);
    }

    [Fact]
    public async Task AddPrivilegesRole_LocalDepthOnOrganisationOwnedTable_Returns400AndChangesNothing()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (roleId, bu) = await CreateRoleAsync(client);
        var readProduct = await PrivilegeAsync(client, "product", "Read");

        using var response = await client.SendAsync(HttpMethod.Post, $"roles({roleId})/Microsoft.Dynamics.CRM.AddPrivilegesRole",
            $$"""{"Privileges":[{"Depth":"Local","PrivilegeId":"{{readProduct}}","BusinessUnitId":"{{bu}}"}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetJsonAsync($"RetrieveRolePrivilegesRole(RoleId={roleId})")).GetProperty("RolePrivileges").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task SystemUserRoles_AssociateListDisassociate_BothUrlForms()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (roleId, _) = await CreateRoleAsync(client);
        var userId = client.Org.ApplicationUserId;
        var reference = $$"""{"@odata.id":"{{client.Org.ApiUrl}}roles({{roleId}})"}""";

        using var associated = await client.SendAsync(HttpMethod.Post, $"systemusers({userId})/systemuserroles_association/$ref", reference);
        using var duplicate = await client.SendAsync(HttpMethod.Post, $"systemusers({userId})/systemuserroles_association/$ref", reference);
        var roles = await client.GetJsonAsync($"systemusers({userId})/systemuserroles_association?$select=roleid,name");
        var users = await client.GetJsonAsync($"roles({roleId})/systemuserroles_association?$select=systemuserid");
        using var removed = await client.SendAsync(HttpMethod.Delete, $"systemusers({userId})/systemuserroles_association({roleId})/$ref");
        var afterFirst = await client.GetJsonAsync($"systemusers({userId})/systemuserroles_association?$select=roleid");
        using var again = await client.SendAsync(HttpMethod.Post, $"roles({roleId})/systemuserroles_association/$ref", $$"""{"@odata.id":"systemusers({{userId}})"}""");
        using var removedById = await client.SendAsync(HttpMethod.Delete, $"roles({roleId})/systemuserroles_association/$ref?$id={client.Org.ApiUrl}systemusers({userId})");

        associated.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        roles.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("roleid").GetString()).ShouldBe([roleId]);
        users.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("systemuserid").GetString()).ShouldBe([userId.ToString("D")]);
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        afterFirst.GetProperty("value").GetArrayLength().ShouldBe(0);
        again.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        removedById.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetJsonAsync($"systemusers({userId})/systemuserroles_association?$select=roleid")).GetProperty("value").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task DeleteRole_RemovesItsPrivilegeAndUserLinks_IntersectRowsAreReadOnly()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var (roleId, bu) = await CreateRoleAsync(client);
        var readLead = await PrivilegeAsync(client, "lead", "Read");
        using var added = await client.SendAsync(HttpMethod.Post, $"roles({roleId})/Microsoft.Dynamics.CRM.AddPrivilegesRole",
            $$"""{"Privileges":[{"Depth":"Global","PrivilegeId":"{{readLead}}","BusinessUnitId":"{{bu}}"}]}""");
        using var associated = await client.SendAsync(HttpMethod.Post, $"systemusers({client.Org.ApplicationUserId})/systemuserroles_association/$ref", $$"""{"@odata.id":"roles({{roleId}})"}""");
        using var direct = await client.SendAsync(HttpMethod.Post, "roleprivilegescollection", $$"""{"roleid":"{{roleId}}","privilegeid":"{{readLead}}","privilegedepthmask":8}""");

        using var deleted = await client.SendAsync(HttpMethod.Delete, $"roles({roleId})");

        direct.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetJsonAsync($"roleprivilegescollection?$select=roleprivilegeid&$filter=roleid eq {roleId}")).GetProperty("value").GetArrayLength().ShouldBe(0);
        (await client.GetJsonAsync($"systemuserrolescollection?$select=systemuserroleid&$filter=roleid eq {roleId}")).GetProperty("value").GetArrayLength().ShouldBe(0);
    }

    private static async Task<(string RoleId, string BusinessUnitId)> CreateRoleAsync(SandboxClient client)
    {
        var bu = (await client.GetJsonAsync("businessunits?$select=businessunitid&$filter=_parentbusinessunitid_value eq null"))
            .GetProperty("value").EnumerateArray().ShouldHaveSingleItem().GetProperty("businessunitid").GetString()!;
        using var created = await client.SendAsync(HttpMethod.Post, "roles", $$"""{"name":"Test role","businessunitid@odata.bind":"/businessunits({{bu}})"}""");
        created.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var url = created.Headers.GetValues("OData-EntityId").Single();
        return (url[(url.LastIndexOf('(') + 1)..^1], bu);
    }

    private static async Task<string> PrivilegeAsync(SandboxClient client, string table, string type)
    {
        var privileges = (await client.GetJsonAsync($"EntityDefinitions(LogicalName='{table}')?$select=Privileges")).GetProperty("Privileges");
        return privileges.EnumerateArray().Single(p => p.GetProperty("PrivilegeType").GetString() == type).GetProperty("PrivilegeId").GetString()!;
    }
}
