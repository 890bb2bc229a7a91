using System.Text.Json;
using CrmExtensions.Install.Dataverse;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Tests;

/// <summary>The runtime user's security role against the sandbox: privileges per table, assignment, idempotence, uninstall.</summary>
public sealed class RoleInstallTests : SandboxOrgFixture
{
    private static readonly string[] Synced = ["lead", "account", "contact", "opportunity", "incident", "task", "phonecall"];

    private RuntimeAccess Runtime(params string[] tables) =>
        new(Guid.Parse(Sandbox.Credentials.ClientId), tables.Length == 0 ? Synced : tables);

    [Fact]
    public async Task Install_WithRuntime_RoleHasGlobalReadOnSyncedAndWriteOnOutputTablesAndIsAssigned()
    {
        var report = await new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default).InstallAsync(null, Runtime());

        report.Actions.ShouldContain(a => a.Component == "role" && a.Kind == InstallActionKind.Created);
        report.Actions.ShouldContain(a => a.Component == "role assignment" && a.Kind == InstallActionKind.Created);
        var roleId = await RoleIdAsync();
        var held = await HeldPrivilegesAsync(roleId);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in Synced.Concat(OutputCatalogue.Default.Fields.Select(f => f.DataverseTable)).Distinct())
        {
            expected.Add(await PrivilegeNameAsync(table, "Read"));
        }

        foreach (var table in OutputCatalogue.Default.Fields.Select(f => f.DataverseTable).Distinct())
        {
            expected.Add(await PrivilegeNameAsync(table, "Write"));
        }

        expected.UnionWith(SolutionIdentity.MetadataPrivileges);
        held.Keys.ShouldBe(expected, ignoreOrder: true);
        roleId.ShouldBe(SolutionIdentity.RuntimeRoleId.ToString("D"));
        held.Values.ShouldAllBe(depth => depth == "Global");
        held.Keys.ShouldContain("prvReadActivity"); // task and phonecall share it
        held.Keys.ShouldNotContain("prvWriteActivity");
        held.Keys.ShouldNotContain(k => k.StartsWith("prvDelete", StringComparison.Ordinal) || k.StartsWith("prvCreate", StringComparison.Ordinal));
        var roles = (await GetAsync($"systemusers({Sandbox.Orgs[0].ApplicationUserId})/systemuserroles_association?$select=roleid"))!.Value.GetProperty("value");
        roles.EnumerateArray().Select(r => r.GetProperty("roleid").GetString()).ShouldBe([roleId]);
        var solution = (await GetAsync("solutions?$select=solutionid&$filter=uniquename eq 'CrmExtensions'"))!.Value.GetProperty("value")[0].GetProperty("solutionid").GetString();
        var components = (await GetAsync($"solutioncomponents?$select=objectid&$filter=_solutionid_value eq {solution} and componenttype eq 20"))!.Value.GetProperty("value");
        components.EnumerateArray().Select(c => c.GetProperty("objectid").GetString()).ShouldBe([roleId]);
    }

    [Fact]
    public async Task Install_SecondRunWithRuntime_MakesZeroWriteCalls()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default);
        await installer.InstallAsync(null, Runtime());
        Wire.Reset();

        var second = await installer.InstallAsync(null, Runtime());

        Wire.Writes.ShouldBe(0, string.Join(Environment.NewLine, Wire.Requests));
        second.Actions.ShouldAllBe(a => a.Kind == InstallActionKind.Unchanged);
        second.Actions.ShouldContain(a => a.Component == "role assignment");
    }

    [Fact]
    public async Task Install_SyncedTablesChanged_ReplacesPrivilegesInPlaceOnTheSameRole()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default);
        await installer.InstallAsync(null, Runtime("lead", "account", "task"));
        var before = await RoleIdAsync();
        Wire.Reset();

        var report = await installer.InstallAsync(null, Runtime("lead", "account", "salesorder"));

        var updated = report.Actions.Where(a => a.Kind == InstallActionKind.Updated).ShouldHaveSingleItem();
        updated.Component.ShouldBe("role");
        updated.Detail.ShouldBe($"+{await PrivilegeNameAsync("salesorder", "Read")}, -prvReadActivity");
        Wire.Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal)).ShouldBe([$"POST {ApiRoot.AbsolutePath}roles({before})/Microsoft.Dynamics.CRM.ReplacePrivilegesRole"]);
        (await RoleIdAsync()).ShouldBe(before);
        var held = await HeldPrivilegesAsync(before);
        held.Keys.ShouldContain(await PrivilegeNameAsync("salesorder", "Read"));
        held.Keys.ShouldNotContain("prvReadActivity");
    }

    [Fact]
    public async Task Install_PrivilegeLoweredByHand_IsRaisedBackToGlobal()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default);
        await installer.InstallAsync(null, Runtime());
        var roleId = await RoleIdAsync();
        var readLead = await PrivilegeIdAsync("lead", "Read");
        var bu = (await GetAsync("businessunits?$select=businessunitid"))!.Value.GetProperty("value")[0].GetProperty("businessunitid").GetString();
        await SendAsync(HttpMethod.Post, $"roles({roleId})/Microsoft.Dynamics.CRM.AddPrivilegesRole", $$"""{"Privileges":[{"Depth":"Basic","PrivilegeId":"{{readLead}}","BusinessUnitId":"{{bu}}"}]}""");

        var report = await installer.InstallAsync(null, Runtime());

        report.Actions.Single(a => a.Component == "role").Detail.ShouldBe("+prvReadLead");
        (await HeldPrivilegesAsync(roleId))["prvReadLead"].ShouldBe("Global");
    }

    [Fact]
    public async Task Install_NoApplicationUserForClientId_FailsBeforeAnyWrite()
    {
        var stranger = new RuntimeAccess(Guid.Parse("0a1b2c3d-0000-4000-8000-000000000001"), Synced);

        var error = await Should.ThrowAsync<InstallException>(() => new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default).InstallAsync(null, stranger));

        error.Message.ShouldContain("0a1b2c3d-0000-4000-8000-000000000001");
        error.Message.ShouldContain("Crmx:Dataverse:ClientId");
        Wire.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Install_UnknownSyncedTable_FailsBeforeAnyWriteNamingTheTable()
    {
        var error = await Should.ThrowAsync<InstallException>(() => new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default).InstallAsync(null, Runtime("lead", "new_widget")));

        error.Message.ShouldContain("new_widget");
        Wire.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Uninstall_WithRole_UnassignsAndDeletesIt_SecondRunWritesNothing()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, OutputCatalogue.Default);
        await installer.InstallAsync(null, Runtime());
        var kept = await installer.UninstallAsync(columns: false);
        (await RoleCountAsync()).ShouldBe(1);

        var removed = await installer.UninstallAsync(columns: false, role: true);
        Wire.Reset();
        var again = await installer.UninstallAsync(columns: false, role: true);

        kept.Actions.ShouldNotContain(a => a.Component == "role");
        removed.Actions.ShouldContain(a => a.Component == "role" && a.Kind == InstallActionKind.Deleted);
        removed.Actions.ShouldContain(a => a.Component == "role assignment" && a.Kind == InstallActionKind.Deleted);
        (await RoleCountAsync()).ShouldBe(0);
        (await GetAsync($"systemusers({Sandbox.Orgs[0].ApplicationUserId})/systemuserroles_association?$select=roleid"))!.Value.GetProperty("value").GetArrayLength().ShouldBe(0);
        again.Actions.ShouldContain(a => a.Component == "role" && a.Kind == InstallActionKind.Absent);
        Wire.Writes.ShouldBe(0);
    }

    private async Task<string> RoleIdAsync() =>
        (await GetAsync("roles?$select=roleid&$filter=name eq 'CrmExtensions runtime'"))!.Value.GetProperty("value").EnumerateArray().ShouldHaveSingleItem().GetProperty("roleid").GetString()!;

    private async Task<int> RoleCountAsync() =>
        (await GetAsync("roles?$select=roleid&$filter=name eq 'CrmExtensions runtime'"))!.Value.GetProperty("value").GetArrayLength();

    private async Task<Dictionary<string, string>> HeldPrivilegesAsync(string roleId) =>
        (await GetAsync($"RetrieveRolePrivilegesRole(RoleId=@p1)?@p1={roleId}"))!.Value.GetProperty("RolePrivileges").EnumerateArray()
            .ToDictionary(p => p.GetProperty("PrivilegeName").GetString()!, p => p.GetProperty("Depth").GetString()!, StringComparer.Ordinal);

    private async Task<JsonElement> PrivilegeAsync(string table, string type) =>
        (await GetAsync($"EntityDefinitions(LogicalName='{table}')?$select=Privileges"))!.Value.GetProperty("Privileges").EnumerateArray()
            .Single(p => p.GetProperty("PrivilegeType").GetString() == type);

    private async Task<string> PrivilegeNameAsync(string table, string type) => (await PrivilegeAsync(table, type)).GetProperty("Name").GetString()!;

    private async Task<string> PrivilegeIdAsync(string table, string type) => (await PrivilegeAsync(table, type)).GetProperty("PrivilegeId").GetString()!;
}
