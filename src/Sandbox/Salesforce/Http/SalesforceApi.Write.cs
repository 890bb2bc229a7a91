using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Salesforce.Schema;

namespace CrmExtensions.Sandbox.Salesforce.Http;

internal static partial class SalesforceApi
{
    /// <summary>sObject Collections take at most 200 records (salesforce.md §3c).</summary>
    private const int MaxCollectionRecords = 200;

    /// <summary><c>PATCH sobjects/{type}/{id}</c> → 204, errors as a JSON array (salesforce.md §3a).</summary>
    private static DataverseResponse Update(SfRequest request, SalesforceContext ctx, string type, string id)
    {
        if (ctx.Org.Schema.Object(type) is not { } obj)
        {
            return SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        JsonElement body;
        try
        {
            using var doc = JsonDocument.Parse(request.Body);
            body = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return SfResponse.Error(400, "JSON_PARSER_ERROR", e.Message);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return SfResponse.Error(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of " + obj.Name + " from " + body.ValueKind + " value");
        }

        lock (ctx.Org.Store.Gate)
        {
            var tx = new Transaction(ctx.Org.Store, Guid.NewGuid());
            var error = Apply(ctx, obj, id, body, tx, idInBody: false);
            if (error is not null)
            {
                tx.Rollback();
                return SfResponse.Error(error.Status, error.Code, error.Message, error.Fields.Count > 0 ? error.Fields : null);
            }

            CommitCustom(ctx, tx);
            return SfResponse.NoContent();
        }
    }

    /// <summary>
    /// <c>PATCH composite/sobjects</c> (salesforce.md §3c): ≤200 records, each with attributes.type and id; results in
    /// request order, always 200; errors use <c>statusCode</c>; allOrNone rolls every record back.
    /// </summary>
    private static DataverseResponse CollectionUpdate(SfRequest request, SalesforceContext ctx)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(request.Body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return SfResponse.Error(400, "JSON_PARSER_ERROR", e.Message);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            return SfResponse.Error(400, "INVALID_FIELD", "Required field 'records' is missing or not a list");
        }

        if (records.GetArrayLength() > MaxCollectionRecords)
        {
            // Not in the notes' examples (only "malformed request → 400"); code and text as Salesforce returns them.
            return SfResponse.Error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
        }

        var allOrNone = root.TryGetProperty("allOrNone", out var a) && a.ValueKind == JsonValueKind.True;
        var results = new List<(string? Id, SfRecordError? Error)>();
        lock (ctx.Org.Store.Gate)
        {
            var all = new Transaction(ctx.Org.Store, Guid.NewGuid());
            foreach (var record in records.EnumerateArray())
            {
                var id = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                var typeName = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("attributes", out var attrs) && attrs.ValueKind == JsonValueKind.Object
                    && attrs.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (typeName is null)
                {
                    results.Add((null, new SfRecordError(400, "INVALID_FIELD", "No type was specified for the sObject.", [])));
                    continue;
                }

                if (ctx.Org.Schema.Object(typeName) is not { } obj)
                {
                    results.Add((null, new SfRecordError(400, "INVALID_TYPE", $"sObject type '{typeName}' is not supported.", [])));
                    continue;
                }

                if (id is null)
                {
                    results.Add((null, new SfRecordError(400, "MISSING_ARGUMENT", "Id not specified in an update call", [])));
                    continue;
                }

                var tx = allOrNone ? all : new Transaction(ctx.Org.Store, Guid.NewGuid());
                var error = Apply(ctx, obj, id, record, tx, idInBody: true);
                if (error is null && !allOrNone)
                {
                    CommitCustom(ctx, tx);
                }
                else if (error is not null && !allOrNone)
                {
                    tx.Rollback();
                }

                results.Add((error is null ? ctx.Org.Find(obj, id) is { } row ? SalesforceId.From(obj.KeyPrefix, row.Id) : id : null, error));
            }

            if (allOrNone)
            {
                if (results.Any(r => r.Error is not null))
                {
                    all.Rollback();
                    ctx.Org.PendingCustom.Clear();
                    ctx.RecordsWritten = 0;
                    results = results.Select(r => r.Error is null
                        ? (r.Id, new SfRecordError(400, "ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were valid and the request was using AllOrNone header", []))
                        : r).ToList();
                }
                else
                {
                    CommitCustom(ctx, all);
                }
            }
        }

        return SfResponse.Json(200, JsonBuffer.Write(w =>
        {
            w.WriteStartArray();
            foreach (var (id, error) in results)
            {
                w.WriteStartObject();
                if (id is not null)
                {
                    w.WriteString("id", id);
                }

                w.WriteBoolean("success", error is null);
                w.WriteStartArray("errors");
                if (error is not null)
                {
                    w.WriteStartObject();
                    w.WriteString("statusCode", error.Code);
                    w.WriteString("message", error.Message);
                    w.WriteStartArray("fields");
                    foreach (var f in error.Fields)
                    {
                        w.WriteStringValue(f);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    /// <summary>Validates and applies one record's field values inside <paramref name="tx"/> (caller holds the gate).</summary>
    private static SfRecordError? Apply(SalesforceContext ctx, SfObject obj, string id, JsonElement body, Transaction tx, bool idInBody)
    {
        var org = ctx.Org;
        if (SalesforceId.To15(id) is null || !id.StartsWith(obj.KeyPrefix, StringComparison.Ordinal))
        {
            return new SfRecordError(400, "MALFORMED_ID", $"{obj.Label} ID: id value of incorrect type: {id}", ["Id"]);
        }

        var store = org.Store.ByLogicalName(obj.Table)!;
        var row = org.Find(obj, id);
        if (row is null || (obj.Include is { } include && !include(row, store.Table)))
        {
            return idInBody
                ? new SfRecordError(404, "ENTITY_IS_DELETED", "entity is deleted", [])
                : new SfRecordError(404, "NOT_FOUND", "The requested resource does not exist", []);
        }

        if (obj.Name == "Lead" && row.Get(store.Table.ByLogicalName("statecode")!.Index) is 1)
        {
            return new SfRecordError(400, "CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead", []);
        }

        var write = new SfWriteContext(org, store.Table, row);
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name == "attributes" || (idInBody && property.Name == "id"))
            {
                continue;
            }

            if (obj.Field(property.Name) is not { } field)
            {
                return new SfRecordError(400, "INVALID_FIELD", $"No such column '{property.Name}' on sobject of type {obj.Name}", []);
            }

            if (field.Write is null)
            {
                return new SfRecordError(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                    $"Unable to create/update fields: {field.Name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", [field.Name]);
            }

            try
            {
                if (field.Write(write, SfJson.Read(property.Value)) is { } message)
                {
                    return new SfRecordError(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", $"{field.Label}: {message}", [field.Name]);
                }
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
            {
                return new SfRecordError(400, "JSON_PARSER_ERROR", $"Cannot deserialize value for field {field.Name}: {e.Message}", [field.Name]);
            }
        }

        // Our own API writes are user edits: stamped (SystemModstamp), versioned and published like any other change.
        org.Store.Update(store, row, write.Changes, org.Store.Identity.ApplicationUserId, tx);
        foreach (var (name, value) in write.CustomValues)
        {
            org.PendingCustom.Add((row.Id, name, value));
        }

        ctx.RecordsWritten++;
        return null;
    }

    private static void CommitCustom(SalesforceContext ctx, Transaction tx)
    {
        tx.Commit();
        foreach (var (id, field, value) in ctx.Org.PendingCustom)
        {
            ctx.Org.SetCustom(id, field, value);
        }

        ctx.Org.PendingCustom.Clear();
    }
}
