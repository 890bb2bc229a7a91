using System.Text.Json.Nodes;

namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// The runtime user's security role (docs/install.md "Security role"): a role named <see cref="RoleName"/> in the root
/// business unit and in our solution, holding Global (organisation) Read on each synced table and Global Write on each
/// table with output columns, assigned to the runtime application user. Dataverse privileges are per table, so Write
/// on lead allows every lead column; restricting it to our columns would need column security (see the doc).
/// Calls: <c>EntityDefinitions(…)?$select=Privileges</c> (SecurityPrivilegeMetadata), <c>roles</c>,
/// <c>RetrieveRolePrivilegesRole</c>, <c>roles(id)/Microsoft.Dynamics.CRM.ReplacePrivilegesRole</c>,
/// <c>systemusers(id)/systemuserroles_association/$ref</c>.
/// </summary>
internal static class RoleInstaller
{
    private const string RoleName = SolutionIdentity.RuntimeRoleName;

    private const int Global = 3;

    private static readonly string[] DepthNames = ["Basic", "Local", "Deep", "Global"];

    /// <summary>Everything read before any write, so a missing user or table stops install with nothing changed.</summary>
    public sealed record Plan(Guid BusinessUnitId, Guid? UserId, string UserName, IReadOnlyDictionary<Guid, string> Privileges);

    public static async Task<Plan> PrepareAsync(WebApiClient api, RuntimeAccess runtime, IEnumerable<string> outputTables, CancellationToken cancellationToken)
    {
        var businessUnit = await RootBusinessUnitAsync(api, cancellationToken).ConfigureAwait(false);
        Guid? userId = null;
        var userName = "nobody";
        if (runtime.ApplicationId is { } applicationId)
        {
            var users = await api.GetCollectionAsync($"systemusers?$select=systemuserid,isdisabled&$filter=applicationid eq {applicationId:D}", $"application user {applicationId:D}", cancellationToken).ConfigureAwait(false);
            userId = users is [var user, ..] ? Id(user, "systemuserid")
                : throw new InstallException($"No application user has applicationid {applicationId:D} (Crmx:Dataverse:ClientId). Create the application user for the runtime app registration first (docs/install.md, \"App registrations\").");
            userName = $"application user {applicationId:D}";
        }

        var writes = outputTables.ToHashSet(StringComparer.Ordinal);
        var privileges = new Dictionary<Guid, string>();
        foreach (var table in runtime.SyncedTables.Concat(writes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var entity = await api.GetAsync($"EntityDefinitions(LogicalName='{table}')?$select=LogicalName,Privileges", $"privileges of table {table}", cancellationToken).ConfigureAwait(false)
                ?? throw new InstallException($"Table {table} (a synced or output table) does not exist in the org; fix Crmx:Dataverse:Tables or install the app that brings it.");
            foreach (var type in writes.Contains(table) ? new[] { "Read", "Write" } : ["Read"])
            {
                var privilege = (entity["Privileges"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(p => p["PrivilegeType"]?.ToString() == type)
                    ?? throw new InstallException($"Table {table} has no {type} privilege in its metadata.");
                if (privilege["CanBeGlobal"]?.GetValue<bool>() == false)
                {
                    throw new InstallException($"Table {table}: its {type} privilege cannot be given organisation-wide.");
                }

                // Activity tables share one privilege (prvReadActivity), so the set is keyed by id.
                privileges[Id(privilege, "PrivilegeId")] = privilege["Name"]?.GetValue<string>() ?? type + " " + table;
            }
        }

        var filter = string.Join(" or ", SolutionIdentity.MetadataPrivileges.Select(n => $"name eq '{n}'"));
        var named = await api.GetCollectionAsync($"privileges?$select=privilegeid,name&$filter={filter}", "metadata privileges", cancellationToken).ConfigureAwait(false);
        foreach (var name in SolutionIdentity.MetadataPrivileges)
        {
            var row = named.FirstOrDefault(p => p["name"]?.GetValue<string>() == name) ?? throw new InstallException($"The org has no privilege named {name}.");
            privileges[Id(row, "privilegeid")] = name;
        }

        return new Plan(businessUnit, userId, userName, privileges);
    }

    public static async Task InstallAsync(WebApiClient api, Plan plan, List<InstallAction> actions, CancellationToken cancellationToken)
    {
        const string what = "role " + RoleName;
        var role = await FindRoleAsync(api, plan.BusinessUnitId, cancellationToken).ConfigureAwait(false);
        Guid roleId;
        IReadOnlyDictionary<Guid, (int Depth, string? Name)> current;
        if (role is null)
        {
            roleId = await api.WriteAsync(HttpMethod.Post, "roles", new JsonObject
            {
                // Our fixed id, the one the solution zip carries, so both ways of installing meet on one role.
                ["roleid"] = SolutionIdentity.RuntimeRoleId.ToString("D"),
                ["name"] = RoleName,
                ["description"] = "CrmExtensions' runtime application user: organisation-wide read on synced tables, write on tables with output columns. Managed by crmx install; privileges added by hand are removed on the next install.",
                ["businessunitid@odata.bind"] = $"/businessunits({plan.BusinessUnitId:D})",
            }, SolutionIdentity.SolutionUniqueName, what, cancellationToken).ConfigureAwait(false)
                ?? throw new InstallException($"Creating {what} returned no OData-EntityId.");
            current = new Dictionary<Guid, (int, string?)>();
        }
        else
        {
            roleId = Id(role, "roleid");
            current = await PrivilegesAsync(api, roleId, cancellationToken).ConfigureAwait(false);
        }

        var added = plan.Privileges.Where(p => !current.TryGetValue(p.Key, out var have) || have.Depth != Global).Select(p => "+" + p.Value).ToList();
        var removed = current.Where(p => !plan.Privileges.ContainsKey(p.Key)).Select(p => "-" + (p.Value.Name ?? p.Key.ToString("D"))).ToList();
        if (added.Count + removed.Count > 0)
        {
            // Replace, not Add: the role holds exactly our set, so a second run compares equal and writes nothing, and a
            // table dropped from the configuration loses its privilege.
            var list = new JsonArray([.. plan.Privileges.Keys.Select(id => (JsonNode)new JsonObject
            {
                ["Depth"] = DepthNames[Global],
                ["PrivilegeId"] = id.ToString("D"),
                ["BusinessUnitId"] = plan.BusinessUnitId.ToString("D"),
            })]);
            await api.WriteAsync(HttpMethod.Post, $"roles({roleId:D})/Microsoft.Dynamics.CRM.ReplacePrivilegesRole", new JsonObject { ["Privileges"] = list }, null, what, cancellationToken).ConfigureAwait(false);
        }

        actions.Add(role is null
            ? new("role", RoleName, InstallActionKind.Created, $"{plan.Privileges.Count} privileges")
            : added.Count + removed.Count > 0
                ? new("role", RoleName, InstallActionKind.Updated, string.Join(", ", added.Concat(removed)))
                : new("role", RoleName, InstallActionKind.Unchanged));

        if (plan.UserId is not { } userId)
        {
            return;
        }

        var assignment = $"{RoleName} → {plan.UserName}";
        var assigned = role is not null && (await api.GetCollectionAsync($"systemusers({userId:D})/systemuserroles_association?$select=roleid&$filter=roleid eq {roleId:D}", "roles of " + plan.UserName, cancellationToken).ConfigureAwait(false)).Count > 0;
        if (assigned)
        {
            actions.Add(new("role assignment", assignment, InstallActionKind.Unchanged));
            return;
        }

        await api.WriteAsync(HttpMethod.Post, $"systemusers({userId:D})/systemuserroles_association/$ref",
            new JsonObject { ["@odata.id"] = $"{api.ApiRoot.AbsoluteUri}roles({roleId:D})" }, null, "assignment " + assignment, cancellationToken).ConfigureAwait(false);
        actions.Add(new("role assignment", assignment, InstallActionKind.Created));
    }

    /// <summary>Takes the role from every user it was assigned to, then deletes it.</summary>
    public static async Task UninstallAsync(WebApiClient api, List<InstallAction> actions, CancellationToken cancellationToken)
    {
        var businessUnit = await RootBusinessUnitAsync(api, cancellationToken).ConfigureAwait(false);
        var role = await FindRoleAsync(api, businessUnit, cancellationToken).ConfigureAwait(false);
        if (role is null)
        {
            actions.Add(new("role", RoleName, InstallActionKind.Absent));
            return;
        }

        var roleId = Id(role, "roleid");
        // Disassociating first does not rely on the platform removing a deleted role's user links.
        foreach (var user in await api.GetCollectionAsync($"roles({roleId:D})/systemuserroles_association?$select=systemuserid", "users of role " + RoleName, cancellationToken).ConfigureAwait(false))
        {
            await api.WriteAsync(HttpMethod.Delete, $"systemusers({Id(user, "systemuserid"):D})/systemuserroles_association({roleId:D})/$ref", null, null, "assignment of role " + RoleName, cancellationToken).ConfigureAwait(false);
            actions.Add(new("role assignment", $"{RoleName} → user {Id(user, "systemuserid"):D}", InstallActionKind.Deleted));
        }

        await api.WriteAsync(HttpMethod.Delete, $"roles({roleId:D})", null, null, "role " + RoleName, cancellationToken).ConfigureAwait(false);
        actions.Add(new("role", RoleName, InstallActionKind.Deleted));
    }

    // The root business unit has no parent; roles made there are inherited by every child business unit.
    private static async Task<Guid> RootBusinessUnitAsync(WebApiClient api, CancellationToken cancellationToken) =>
        await api.GetCollectionAsync("businessunits?$select=businessunitid&$filter=_parentbusinessunitid_value eq null", "root business unit", cancellationToken).ConfigureAwait(false) is [var root, ..]
            ? Id(root, "businessunitid")
            : throw new InstallException("The org returned no root business unit (businessunit without a parent).");

    private static async Task<JsonObject?> FindRoleAsync(WebApiClient api, Guid businessUnit, CancellationToken cancellationToken) =>
        await api.GetCollectionAsync($"roles?$select=roleid,name&$filter=name eq '{RoleName}' and _businessunitid_value eq {businessUnit:D}", "role " + RoleName, cancellationToken).ConfigureAwait(false) is [var first, ..] ? first : null;

    /// <summary>
    /// The role's privileges and depths from the documented function <c>RetrieveRolePrivilegesRole(RoleId=@p)</c>; where an
    /// org does not serve it (404), from the <c>roleprivileges</c> intersect rows (<c>privilegedepthmask</c> 1/2/4/8).
    /// </summary>
    private static async Task<IReadOnlyDictionary<Guid, (int Depth, string? Name)>> PrivilegesAsync(WebApiClient api, Guid roleId, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, (int, string?)>();
        var response = await api.GetAsync($"RetrieveRolePrivilegesRole(RoleId=@p1)?@p1={roleId:D}", "privileges of role " + RoleName, cancellationToken).ConfigureAwait(false);
        if (response?["RolePrivileges"] is JsonArray privileges)
        {
            foreach (var p in privileges.OfType<JsonObject>())
            {
                result[Id(p, "PrivilegeId")] = (Depth(p["Depth"]), p["PrivilegeName"]?.GetValue<string>());
            }

            return result;
        }

        foreach (var row in await api.GetCollectionAsync($"roleprivilegescollection?$select=privilegeid,privilegedepthmask&$filter=roleid eq {roleId:D}", "privileges of role " + RoleName, cancellationToken).ConfigureAwait(false))
        {
            var mask = row["privilegedepthmask"]?.GetValue<int>() ?? 0;
            result[Id(row, "privilegeid")] = (mask switch { 1 => 0, 2 => 1, 4 => 2, 8 => 3, _ => -1 }, null);
        }

        return result;
    }

    // PrivilegeDepth arrives as its member name ("Global"); a number is tolerated.
    private static int Depth(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<int>(out var n) ? n
        : Array.IndexOf(DepthNames, node?.ToString());

    private static Guid Id(JsonObject row, string name) =>
        row[name]?.ToString() is { } text && Guid.TryParse(text, out var id) ? id : throw new InstallException($"The org returned a row without {name}.");
}
