using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>
/// Security roles as the Web API documents them (PA-docs <c>webapi/reference</c>): the bound actions
/// <c>roles(id)/Microsoft.Dynamics.CRM.AddPrivilegesRole</c>, <c>ReplacePrivilegesRole</c> (body
/// <c>{"Privileges":[RolePrivilege…]}</c>, RolePrivilege = <c>Depth</c> (PrivilegeDepth Basic 0, Local 1, Deep 2, Global 3),
/// <c>PrivilegeId</c>, <c>BusinessUnitId</c>, <c>PrivilegeName</c>) and <c>RemovePrivilegeRole</c> (<c>{"PrivilegeId":…}</c>),
/// all answering 204; the unbound function <c>RetrieveRolePrivilegesRole(RoleId=@p)</c>; and the N:N
/// <c>systemuserroles_association</c> navigation property from either side (<c>…/$ref</c> with <c>@odata.id</c> to
/// associate, DELETE <c>…/systemuserroles_association(id)/$ref</c> or <c>…/$ref?$id=url</c> to disassociate, GET to
/// list), per "Associate and disassociate table rows using the Web API". Privileges are held as <c>roleprivileges</c>
/// rows with a <c>privilegedepthmask</c> (Basic 1, Local 2, Deep 4, Global 8 — PrivilegeDepth enumeration remarks).
/// The sandbox does not enforce privileges on other requests.
/// </summary>
internal static partial class DataverseApi
{
    private static readonly string[] DepthNames = ["Basic", "Local", "Deep", "Global"];

    /// <summary>Handles a security request, or returns null when <paramref name="path"/> is not one.</summary>
    private static DataverseResponse? SecurityRequest(DataverseRequest request, RequestContext ctx, string path)
    {
        if (FunctionPath().Match(path) is { Success: true } function && request.Method == "GET")
        {
            return RetrieveRolePrivileges(request, ctx, function.Groups["arg"].Value);
        }

        var m = SecurityPath().Match(path);
        if (!m.Success)
        {
            return null;
        }

        var isRole = m.Groups["set"].Value == "roles";
        var id = Guid.Parse(m.Groups["key"].Value);
        if (m.Groups["action"].Success)
        {
            if (!isRole || request.Method != "POST")
            {
                throw new DataverseException(405, "0x80060888", $"{m.Groups["action"].Value} is a POST action bound to role.");
            }

            var role = ctx.Org.ByLogicalName("role")!.Find(id) ?? throw RecordNotFound("role", id);
            return m.Groups["action"].Value switch
            {
                "AddPrivilegesRole" => SetPrivileges(request, ctx, role, replace: false),
                "ReplacePrivilegesRole" => SetPrivileges(request, ctx, role, replace: true),
                _ => RemovePrivilege(request, ctx, role),
            };
        }

        var (userId, roleId) = (isRole ? (Guid?)null : id, isRole ? id : (Guid?)null);
        _ = (isRole ? ctx.Org.ByLogicalName("role")! : ctx.Org.ByLogicalName("systemuser")!).Find(id)
            ?? throw RecordNotFound(isRole ? "role" : "systemuser", id);
        var otherSet = isRole ? "systemusers" : "roles";
        var isRef = m.Groups["ref"].Success;
        return (request.Method, isRef, m.Groups["other"].Success) switch
        {
            ("GET", false, false) => ListAssociated(request, ctx, isRole, id),
            ("POST", true, false) => Associate(request, ctx, isRole, id, otherSet),
            ("DELETE", true, true) => Disassociate(ctx, userId ?? Guid.Parse(m.Groups["other"].Value), roleId ?? Guid.Parse(m.Groups["other"].Value)),
            ("DELETE", true, false) => Disassociate(ctx, userId ?? RefId(RefQuery(request), "systemusers"), roleId ?? RefId(RefQuery(request), "roles")),
            _ => throw new DataverseException(405, "0x80060888", $"The HTTP method '{request.Method}' is not supported for systemuserroles_association."),
        };
    }

    private static DataverseResponse SetPrivileges(DataverseRequest request, RequestContext ctx, Row role, bool replace)
    {
        using var doc = ParseJson(request.Body);
        if (!doc.RootElement.TryGetProperty("Privileges", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw DataverseException.BadRequest("The parameter 'Privileges' (a collection of Microsoft.Dynamics.CRM.RolePrivilege) is required.");
        }

        var wanted = new Dictionary<Guid, int>();
        foreach (var item in list.EnumerateArray())
        {
            var privilegeId = item.TryGetProperty("PrivilegeId", out var p) && p.TryGetGuid(out var g) ? g
                : throw DataverseException.BadRequest("Every RolePrivilege needs a PrivilegeId (Edm.Guid).");
            var depth = Depth(item.TryGetProperty("Depth", out var d) ? d : default);
            var privilege = ctx.Org.ByLogicalName("privilege")!.Find(privilegeId) ?? throw RecordNotFound("privilege", privilegeId);
            var userOwned = privilege.ValueOf(ctx.Org.ByLogicalName("privilege")!.Table.ByLogicalName("canbebasic")!) is true;
            if (depth != 3 && !userOwned)
            {
                throw DataverseException.BadRequest($"Privilege {privilegeId:D} cannot be given at depth {DepthNames[depth]}: its table is organisation-owned (Global only).", "0x80040203");
            }

            wanted[privilegeId] = depth;
        }

        var links = ctx.Org.ByLogicalName("roleprivileges")!;
        var t = links.Table;
        var existing = links.Rows.Where(r => r.Get(t.ByLogicalName("roleid")!.Index) is Guid id && id == role.Id).ToList();
        foreach (var row in existing.Where(r => replace || wanted.ContainsKey((Guid)r.Get(t.ByLogicalName("privilegeid")!.Index)!)))
        {
            ctx.Org.Delete(links, row, ctx.CallerId, ctx.Tx);
        }

        foreach (var (privilegeId, depth) in wanted)
        {
            ctx.Org.Create(links, Guid.NewGuid(), new Dictionary<ColumnDef, object?>
            {
                [t.ByLogicalName("roleid")!] = role.Id,
                [t.ByLogicalName("privilegeid")!] = privilegeId,
                [t.ByLogicalName("privilegedepthmask")!] = 1 << depth,
            }, ctx.CallerId, ctx.Tx);
        }

        ctx.RecordsWritten += wanted.Count;
        return DataverseResponse.NoContent();
    }

    private static DataverseResponse RemovePrivilege(DataverseRequest request, RequestContext ctx, Row role)
    {
        using var doc = ParseJson(request.Body);
        var privilegeId = doc.RootElement.TryGetProperty("PrivilegeId", out var p) && p.TryGetGuid(out var g) ? g
            : throw DataverseException.BadRequest("The parameter 'PrivilegeId' (Edm.Guid) is required.");
        var links = ctx.Org.ByLogicalName("roleprivileges")!;
        var t = links.Table;
        foreach (var row in links.Rows.Where(r => Equals(r.Get(t.ByLogicalName("roleid")!.Index), role.Id) && Equals(r.Get(t.ByLogicalName("privilegeid")!.Index), privilegeId)).ToList())
        {
            ctx.Org.Delete(links, row, ctx.CallerId, ctx.Tx);
            ctx.RecordsWritten++;
        }

        return DataverseResponse.NoContent();
    }

    /// <summary><c>RetrieveRolePrivilegesRole(RoleId=@p)?@p=…</c> (or an inline Guid literal) → RetrieveRolePrivilegesRoleResponse.</summary>
    private static DataverseResponse RetrieveRolePrivileges(DataverseRequest request, RequestContext ctx, string argument)
    {
        var text = argument.StartsWith('@') ? Query.QueryOptions.ParseQueryString(request.RawQuery).GetValueOrDefault(argument) : argument;
        var roleId = Guid.TryParse(text?.Trim('\''), out var g) ? g : throw DataverseException.BadRequest("RetrieveRolePrivilegesRole needs RoleId (Edm.Guid).");
        _ = ctx.Org.ByLogicalName("role")!.Find(roleId) ?? throw RecordNotFound("role", roleId);
        var links = ctx.Org.ByLogicalName("roleprivileges")!;
        var privileges = ctx.Org.ByLogicalName("privilege")!;
        var t = links.Table;
        var name = privileges.Table.ByLogicalName("name")!;
        var rows = links.Rows.Where(r => Equals(r.Get(t.ByLogicalName("roleid")!.Index), roleId)).ToList();
        ctx.RecordsRead += rows.Count;
        return DataverseResponse.Json(200, JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", ctx.ApiRoot + "$metadata#Microsoft.Dynamics.CRM.RetrieveRolePrivilegesRoleResponse");
            w.WriteStartArray("RolePrivileges");
            foreach (var row in rows)
            {
                var privilegeId = (Guid)row.Get(t.ByLogicalName("privilegeid")!.Index)!;
                var mask = (int)row.Get(t.ByLogicalName("privilegedepthmask")!.Index)!;
                w.WriteStartObject();
                w.WriteString("Depth", DepthNames[System.Numerics.BitOperations.Log2((uint)mask)]);
                w.WriteString("PrivilegeId", privilegeId);
                w.WriteString("BusinessUnitId", ctx.Org.Identity.BusinessUnitId);
                w.WriteString("PrivilegeName", privileges.Find(privilegeId)?.ValueOf(name) as string);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static DataverseResponse ListAssociated(DataverseRequest request, RequestContext ctx, bool fromRole, Guid id)
    {
        var links = ctx.Org.ByLogicalName("systemuserroles")!;
        var t = links.Table;
        var (mine, theirs, set, key) = fromRole ? ("roleid", "systemuserid", "systemusers", "systemuserid") : ("systemuserid", "roleid", "roles", "roleid");
        var ids = links.Rows.Where(r => Equals(r.Get(t.ByLogicalName(mine)!.Index), id)).Select(r => (Guid)r.Get(t.ByLogicalName(theirs)!.Index)!).ToList();
        var filter = ids.Count == 0 ? $"{key} eq {Guid.Empty:D}" : "(" + string.Join(" or ", ids.Select(i => $"{key} eq {i:D}")) + ")";
        return QueryCollection(ctx.Org.BySetName(set)!, request with { Path = set, RawQuery = QueryOptionsText(request.RawQuery, filter) }, ctx, countOnly: false);
    }

    private static DataverseResponse Associate(DataverseRequest request, RequestContext ctx, bool fromRole, Guid id, string otherSet)
    {
        using var doc = ParseJson(request.Body);
        var reference = doc.RootElement.TryGetProperty("@odata.id", out var r) ? r.GetString() : null;
        var otherId = RefId(reference, otherSet);
        _ = ctx.Org.BySetName(otherSet)!.Find(otherId) ?? throw RecordNotFound(otherSet == "roles" ? "role" : "systemuser", otherId);
        var (userId, roleId) = fromRole ? (otherId, id) : (id, otherId);
        var links = ctx.Org.ByLogicalName("systemuserroles")!;
        var t = links.Table;
        if (FindLink(links, userId, roleId) is not null)
        {
            // The SDK's Associate fails with "Cannot insert duplicate key" (COMMUNITY: PowerDataOps' Add-XrmUserRoles
            // catches that message); status and code here are the sandbox's choice.
            throw new DataverseException(400, "0x80040237", "Cannot insert duplicate key.");
        }

        ctx.Org.Create(links, Guid.NewGuid(), new Dictionary<ColumnDef, object?>
        {
            [t.ByLogicalName("systemuserid")!] = userId,
            [t.ByLogicalName("roleid")!] = roleId,
        }, ctx.CallerId, ctx.Tx);
        ctx.RecordsWritten++;
        return DataverseResponse.NoContent();
    }

    private static DataverseResponse Disassociate(RequestContext ctx, Guid userId, Guid roleId)
    {
        var links = ctx.Org.ByLogicalName("systemuserroles")!;
        if (FindLink(links, userId, roleId) is { } row)
        {
            ctx.Org.Delete(links, row, ctx.CallerId, ctx.Tx);
            ctx.RecordsWritten++;
        }

        return DataverseResponse.NoContent();
    }

    /// <summary>Deleting a role removes its privilege and user links and its solution components with it.</summary>
    private static void DeleteRoleLinks(RequestContext ctx, Guid roleId)
    {
        foreach (var (table, column) in new[] { ("roleprivileges", "roleid"), ("systemuserroles", "roleid"), ("solutioncomponent", "objectid") })
        {
            var store = ctx.Org.ByLogicalName(table)!;
            var index = store.Table.ByLogicalName(column)!.Index;
            foreach (var row in store.Rows.Where(r => Equals(r.Get(index), roleId)).ToList())
            {
                ctx.Org.Delete(store, row, ctx.CallerId, ctx.Tx);
            }
        }
    }

    /// <summary>A role created with <c>MSCRM.SolutionUniqueName</c> becomes a root component (type 20) of that solution.</summary>
    private static void AddRoleToSolution(DataverseRequest request, RequestContext ctx, Guid roleId)
    {
        if (SolutionFor(request, ctx) is not { } solution)
        {
            return;
        }

        var components = ctx.Org.ByLogicalName("solutioncomponent")!;
        var t = components.Table;
        ctx.Org.Create(components, Guid.NewGuid(), new Dictionary<ColumnDef, object?>
        {
            [t.ByLogicalName("componenttype")!] = 20,
            [t.ByLogicalName("objectid")!] = roleId,
            [t.ByLogicalName("solutionid")!] = new EntityRef("solution", solution),
            [t.ByLogicalName("rootcomponentbehavior")!] = 0,
        }, ctx.CallerId, ctx.Tx);
    }

    private static Row? FindLink(EntityStore links, Guid userId, Guid roleId)
    {
        var t = links.Table;
        return links.Rows.FirstOrDefault(r => Equals(r.Get(t.ByLogicalName("systemuserid")!.Index), userId) && Equals(r.Get(t.ByLogicalName("roleid")!.Index), roleId));
    }

    // PrivilegeDepth is an enum: its member name ("Global") is the OData JSON form; the number (3 or "3") is accepted too.
    private static int Depth(JsonElement value)
    {
        var depth = value.ValueKind switch
        {
            JsonValueKind.String when Array.IndexOf(DepthNames, value.GetString()) is >= 0 and var i => i,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            _ => -1,
        };
        return depth is >= 0 and <= 3 ? depth : throw DataverseException.BadRequest($"Depth must be a PrivilegeDepth (Basic, Local, Deep, Global), not {value.GetRawText()}.");
    }

    private static string? RefQuery(DataverseRequest request) => Query.QueryOptions.ParseQueryString(request.RawQuery).GetValueOrDefault("$id");

    // "@odata.id" / $id: an absolute or relative URL ending in set(guid).
    private static Guid RefId(string? url, string set) =>
        url is not null && RefTarget().Match(url) is { Success: true } m && m.Groups["set"].Value == set && Guid.TryParse(m.Groups["id"].Value, out var id)
            ? id
            : throw DataverseException.BadRequest($"The reference must name a row of {set}, e.g. \"@odata.id\": \"[Organization URI]/api/data/v9.2/{set}(<id>)\".");

    [GeneratedRegex(@"^RetrieveRolePrivilegesRole\(RoleId=(?<arg>[^)]+)\)$")]
    private static partial Regex FunctionPath();

    [GeneratedRegex(@"^(?<set>roles|systemusers)\((?<key>[0-9a-fA-F-]{36})\)/(Microsoft\.Dynamics\.CRM\.(?<action>AddPrivilegesRole|ReplacePrivilegesRole|RemovePrivilegeRole)|systemuserroles_association(\((?<other>[0-9a-fA-F-]{36})\))?(?<ref>/\$ref)?)$")]
    private static partial Regex SecurityPath();

    [GeneratedRegex(@"(^|/)(?<set>\w+)\((?<id>[0-9a-fA-F-]{36})\)$")]
    private static partial Regex RefTarget();
}
