using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Query;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>Create, PATCH update/upsert, DELETE and UpdateMultiple (dataverse.md §3 "Writes").</summary>
internal static partial class DataverseApi
{
    private static DataverseResponse Create(EntityStore store, DataverseRequest request, RequestContext ctx)
    {
        var table = store.Table;
        using var doc = ParseJson(request.Body);
        var values = ParseBody(store, doc.RootElement, ctx);
        var id = values.TryGetValue(table.PrimaryId, out var given) && given is Guid g ? g : Guid.NewGuid();
        values.Remove(table.PrimaryId);
        if (store.Find(id) is not null)
        {
            throw new DataverseException(412, string.Empty, "A record with matching key values already exists.");
        }

        ValidateRules(store, null, values, ctx);
        if (table.LogicalName == "role" && values.GetValueOrDefault(table.ByLogicalName("businessunitid")!) is null)
        {
            throw DataverseException.BadRequest("A role needs a business unit: \"businessunitid@odata.bind\": \"/businessunits(<id>)\".");
        }

        var row = ctx.Org.Create(store, id, values, ctx.CallerId, ctx.Tx);
        if (table.LogicalName == "role")
        {
            AddRoleToSolution(request, ctx, id);
        }

        ctx.RecordsWritten++;
        return WriteResult(store, request, ctx, row, created: true, $"{table.EntitySetName}({id:D})");
    }

    private static DataverseResponse Patch(EntityStore store, DataverseRequest request, RequestContext ctx, string key)
    {
        var table = store.Table;
        using var doc = ParseJson(request.Body);
        var values = ParseBody(store, doc.RootElement, ctx);
        values.Remove(table.PrimaryId);
        var row = FindByKey(store, key);
        var ifMatch = request.Header("If-Match");
        var ifNoneMatch = request.Header("If-None-Match");

        if (ifMatch is not null && row is null)
        {
            throw RecordNotFound(table.LogicalName, KeyId(key));
        }

        if (ifMatch is not null and not "*" && ifMatch != RowWriter.Etag(row!))
        {
            throw new DataverseException(412, "0x80060882", "The version of the existing record doesn't match the RowVersion property provided.");
        }

        // "If-None-Match: null" is the recommended no-cache header on every request (dataverse.md §0), not a condition.
        if (ifNoneMatch == "*" && row is not null)
        {
            throw new DataverseException(412, string.Empty, "A record with matching key values already exists.");
        }

        if (row is not null)
        {
            // Alternate-key values in the body of an existing record are removed (dataverse.md §3 upsert rules).
            if (!Guid.TryParse(key, out _))
            {
                foreach (var keyColumn in AlternateKey(table, key).Keys)
                {
                    values.Remove(table.ByLogicalName(keyColumn)!);
                }
            }

            ValidateRules(store, row, values, ctx);
            ctx.Org.Update(store, row, values, ctx.CallerId, ctx.Tx);
            ctx.RecordsWritten++;
            return WriteResult(store, request, ctx, row, created: false, $"{table.EntitySetName}({key})");
        }

        var id = Guid.TryParse(key, out var keyId) ? keyId : Guid.NewGuid();
        if (!Guid.TryParse(key, out _))
        {
            // Key values from the URL are copied into the new row.
            foreach (var (name, value) in AlternateKey(table, key))
            {
                values[table.ByLogicalName(name)!] = value;
            }
        }

        ValidateRules(store, null, values, ctx);
        var createdRow = ctx.Org.Create(store, id, values, ctx.CallerId, ctx.Tx);
        ctx.RecordsWritten++;
        return WriteResult(store, request, ctx, createdRow, created: true, $"{table.EntitySetName}({key})");
    }

    private static DataverseResponse Delete(EntityStore store, DataverseRequest request, RequestContext ctx, string key)
    {
        var row = FindByKey(store, key) ?? throw RecordNotFound(store.Table.LogicalName, KeyId(key));
        if (request.Header("If-Match") is { } ifMatch and not "*" && ifMatch != RowWriter.Etag(row))
        {
            throw new DataverseException(412, "0x80060882", "The version of the existing record doesn't match the RowVersion property provided.");
        }

        if (store.Table.LogicalName == "role")
        {
            DeleteRoleLinks(ctx, row.Id);
        }

        ctx.Org.Delete(store, row, ctx.CallerId, ctx.Tx);
        ctx.RecordsWritten++;
        return DataverseResponse.NoContent();
    }

    /// <summary>UpdateMultiple: every target carries @odata.type and its primary key (learn.microsoft.com webapi/reference/updatemultiple).</summary>
    private static DataverseResponse UpdateMultiple(EntityStore store, DataverseRequest request, RequestContext ctx)
    {
        var table = store.Table;
        using var doc = ParseJson(request.Body);
        if (!doc.RootElement.TryGetProperty("Targets", out var targets) || targets.ValueKind != JsonValueKind.Array)
        {
            throw DataverseException.BadRequest("UpdateMultiple requires a 'Targets' array.");
        }

        foreach (var target in targets.EnumerateArray())
        {
            if (!target.TryGetProperty("@odata.type", out var type) || type.GetString() != table.EdmTypeName)
            {
                throw DataverseException.BadRequest($"Every item in Targets must have \"@odata.type\": \"{table.EdmTypeName}\".");
            }

            var values = ParseBody(store, target, ctx);
            if (!values.Remove(table.PrimaryId, out var idValue) || idValue is not Guid id)
            {
                throw DataverseException.BadRequest($"Every item in Targets must include the primary key '{table.PrimaryIdAttribute}'.");
            }

            var row = store.Find(id) ?? throw RecordNotFound(table.LogicalName, id);
            ValidateRules(store, row, values, ctx);
            ctx.Org.Update(store, row, values, ctx.CallerId, ctx.Tx);
            ctx.RecordsWritten++;
        }

        return DataverseResponse.NoContent();
    }

    /// <summary>CreateMultiple: same Targets shape as UpdateMultiple; answers with the new ids, all-or-nothing.</summary>
    private static DataverseResponse CreateMultiple(EntityStore store, DataverseRequest request, RequestContext ctx)
    {
        var table = store.Table;
        using var doc = ParseJson(request.Body);
        if (!doc.RootElement.TryGetProperty("Targets", out var targets) || targets.ValueKind != JsonValueKind.Array)
        {
            throw DataverseException.BadRequest("CreateMultiple requires a 'Targets' array.");
        }

        var ids = new List<Guid>();
        foreach (var target in targets.EnumerateArray())
        {
            if (!target.TryGetProperty("@odata.type", out var type) || type.GetString() != table.EdmTypeName)
            {
                throw DataverseException.BadRequest($"Every item in Targets must have \"@odata.type\": \"{table.EdmTypeName}\".");
            }

            var values = ParseBody(store, target, ctx);
            var id = values.Remove(table.PrimaryId, out var given) && given is Guid g ? g : Guid.NewGuid();
            if (store.Find(id) is not null)
            {
                throw new DataverseException(412, string.Empty, "A record with matching key values already exists.");
            }

            ValidateRules(store, null, values, ctx);
            ctx.Org.Create(store, id, values, ctx.CallerId, ctx.Tx);
            ctx.RecordsWritten++;
            ids.Add(id);
        }

        return DataverseResponse.Json(200, JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", ctx.ApiRoot + "$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse");
            w.WriteStartArray("Ids");
            foreach (var id in ids)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static DataverseResponse WriteResult(EntityStore store, DataverseRequest request, RequestContext ctx, Row row, bool created, string entityPath)
    {
        var entityId = ctx.ApiRoot + entityPath;
        var prefer = PreferHeader.Parse(request.Header("Prefer"));
        if (!prefer.ReturnRepresentation)
        {
            return DataverseResponse.NoContent(new KeyValuePair<string, string>("OData-EntityId", entityId));
        }

        // return=representation: 201 created / 200 updated, the only way to tell upsert outcomes apart (dataverse.md §3).
        var options = QueryOptions.Parse(store.Table, request.RawQuery);
        var writer = new RowWriter(ctx.Org, store.Table, options.Select, prefer);
        var body = JsonBuffer.Write(w => writer.Write(w, row, Context(ctx, store.Table, null, "/$entity")));
        return DataverseResponse.Json(created ? 201 : 200, body,
            new KeyValuePair<string, string>("ETag", RowWriter.Etag(row)), new("OData-EntityId", entityId), new("Preference-Applied", "return=representation"));
    }

    private static JsonDocument ParseJson(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        }
        catch (JsonException e)
        {
            throw DataverseException.BadRequest("The request body is not valid JSON: " + e.Message, "0x80048d19");
        }
    }
}
