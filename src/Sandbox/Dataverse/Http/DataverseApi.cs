using System.Text.RegularExpressions;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>
/// Executes one Web API request (top-level or inside $batch) against an org. Callers hold the org's gate and own the
/// transaction (commit or rollback); writes go through it, so a failed request or change set leaves nothing behind.
/// </summary>
internal static partial class DataverseApi
{
    public static DataverseResponse Execute(DataverseRequest request, RequestContext ctx)
    {
        try
        {
            return Route(request, ctx);
        }
        catch (DataverseException e)
        {
            return DataverseResponse.From(e, PreferHeader.Parse(request.Header("Prefer")));
        }
    }

    private static DataverseResponse Route(DataverseRequest request, RequestContext ctx)
    {
        var path = request.Path.TrimEnd('/');
        if (path == "WhoAmI" && request.Method == "GET")
        {
            return WhoAmI(ctx);
        }

        if (path.Length == 0 && request.Method == "GET")
        {
            return ServiceDocument(ctx);
        }

        if (path == "$metadata" && request.Method == "GET")
        {
            var annotations = Query.QueryOptions.ParseQueryString(request.RawQuery).GetValueOrDefault("annotations") == "true";
            var csdl = Metadata.CsdlWriter.Write(ctx.Org.Stores.Select(s => s.Table), annotations);
            return new DataverseResponse(200, [new("OData-Version", "4.0")], System.Text.Encoding.UTF8.GetBytes(csdl), "application/xml");
        }

        if (path == "CloseIncident" && request.Method == "POST")
        {
            return CloseIncident(request, ctx);
        }

        if (path.StartsWith("EntityDefinitions", StringComparison.Ordinal))
        {
            return MetadataRequest(request, ctx, path);
        }

        if (SecurityRequest(request, ctx, path) is { } security)
        {
            return security;
        }

        var match = PathPattern().Match(path);
        if (!match.Success)
        {
            throw NotFound(path);
        }

        var segment = match.Groups["set"].Value;
        var store = ctx.Org.BySetName(segment);
        if (store is null)
        {
            throw NotFound(segment);
        }

        if (store.Table.LogicalName is "roleprivileges" or "systemuserroles" && request.Method != "GET")
        {
            // Intersect rows change only through the role actions and the association's $ref (DataverseApi.Security.cs).
            throw new DataverseException(405, "0x80060888", $"{store.Table.EntitySetName} is read-only: use the role actions or systemuserroles_association.");
        }

        var key = match.Groups["key"].Success ? match.Groups["key"].Value : null;
        var rest = match.Groups["rest"].Success ? match.Groups["rest"].Value : null;
        return (request.Method, key, rest) switch
        {
            ("GET", null, null) => QueryCollection(store, request, ctx, countOnly: false),
            ("GET", null, "$count") => QueryCollection(store, request, ctx, countOnly: true),
            ("GET", not null, null) => Retrieve(store, request, ctx, key),
            ("GET", not null, not null) => RelatedActivities(store, request, ctx, key, rest),
            ("POST", null, null) => Create(store, request, ctx),
            ("POST", null, "Microsoft.Dynamics.CRM.UpdateMultiple") => UpdateMultiple(store, request, ctx),
            ("POST", null, "Microsoft.Dynamics.CRM.CreateMultiple") => CreateMultiple(store, request, ctx),
            ("PATCH", not null, null) => Patch(store, request, ctx, key),
            ("DELETE", not null, null) => Delete(store, request, ctx, key),
            _ => throw new DataverseException(405, "0x80060888", $"The HTTP method '{request.Method}' is not supported for this resource in the sandbox."),
        };
    }

    /// <summary>The OData service document at the API root: every entity set.</summary>
    private static DataverseResponse ServiceDocument(RequestContext ctx) =>
        DataverseResponse.Json(200, JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", ctx.ApiRoot + "$metadata");
            w.WriteStartArray("value");
            foreach (var set in ctx.Org.Stores.Select(s => s.Table.EntitySetName).Order(StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("name", set);
                w.WriteString("kind", "EntitySet");
                w.WriteString("url", set);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));

    private static DataverseResponse WhoAmI(RequestContext ctx)
    {
        var id = ctx.Org.Identity;
        return DataverseResponse.Json(200, JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", ctx.ApiRoot + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
            w.WriteString("BusinessUnitId", id.BusinessUnitId);
            w.WriteString("UserId", ctx.CallerId);
            w.WriteString("OrganizationId", id.OrganizationId);
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// One-to-many activity relationships such as <c>accounts(id)/Account_Tasks</c> (dataverse.md §3 $batch example):
    /// the child activities whose regarding lookup points at the record.
    /// </summary>
    private static DataverseResponse RelatedActivities(EntityStore store, DataverseRequest request, RequestContext ctx, string key, string relationship)
    {
        var match = ActivityRelationship().Match(relationship);
        if (!match.Success || !match.Groups["parent"].Value.Equals(store.Table.LogicalName, StringComparison.OrdinalIgnoreCase))
        {
            throw NotFound(relationship);
        }

        var row = FindByKey(store, key) ?? throw RecordNotFound(store.Table.LogicalName, KeyId(key));
        var childSet = match.Groups["child"].Value.ToLowerInvariant();
        var query = QueryOptionsText(request.RawQuery, $"_regardingobjectid_value eq {row.Id:D}");
        return QueryCollection(ctx.Org.BySetName(childSet)!, request with { Path = childSet, RawQuery = query }, ctx, countOnly: false);
    }

    private static string QueryOptionsText(string rawQuery, string extraFilter)
    {
        var parts = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        var index = parts.FindIndex(p => Uri.UnescapeDataString(p.Split('=')[0]) == "$filter");
        if (index < 0)
        {
            parts.Add("$filter=" + Uri.EscapeDataString(extraFilter));
        }
        else
        {
            var existing = Uri.UnescapeDataString(parts[index][(parts[index].IndexOf('=', StringComparison.Ordinal) + 1)..]);
            parts[index] = "$filter=" + Uri.EscapeDataString($"({existing}) and {extraFilter}");
        }

        return string.Join('&', parts);
    }

    [GeneratedRegex("^(?<parent>[A-Za-z]+)_(?<child>Tasks|Phonecalls|Emails)$", RegexOptions.IgnoreCase)]
    private static partial Regex ActivityRelationship();

    private static DataverseException NotFound(string segment) =>
        new(404, "0x80060888", $"Resource not found for the segment '{segment}'.");

    /// <summary>404 for a missing record (dataverse.md §3: emulate 0x80040217 ObjectDoesNotExist).</summary>
    private static DataverseException RecordNotFound(string entity, Guid id) =>
        new(404, "0x80040217", $"{entity} With Id = {id:D} Does Not Exist");

    [GeneratedRegex(@"^(?<set>[A-Za-z_$][\w.]*)(\((?<key>[^)]*)\))?(/(?<rest>.+))?$")]
    private static partial Regex PathPattern();
}
