using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Salesforce.Schema;

namespace CrmExtensions.Sandbox.Salesforce.Http;

internal static partial class SalesforceApi
{
    /// <summary>When the served metadata last changed (it never does while the sandbox runs).</summary>
    private static readonly DateTimeOffset SchemaDate = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><c>GET sobjects/{type}/describe</c> in the shape of salesforce.md §6.</summary>
    private static DataverseResponse Describe(SfRequest request, SalesforceContext ctx, string type)
    {
        if (ctx.Org.Schema.Object(type) is not { } obj)
        {
            return SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        // salesforce.md §6: conditional If-Modified-Since → 304. The schema is fixed for the sandbox's life.
        if (DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since)
            && since >= SchemaDate)
        {
            return new DataverseResponse(304, [], null, null);
        }

        return SfResponse.Json(200, JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            WriteObjectHeader(w, request.Version, obj);
            w.WriteStartArray("fields");
            foreach (var field in obj.Fields)
            {
                WriteField(w, field);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    /// <summary><c>GET sobjects</c>: the describeGlobal list of served objects.</summary>
    private static DataverseResponse Global(SfRequest request, SalesforceContext ctx) => SfResponse.Json(200, JsonBuffer.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("encoding", "UTF-8");
        w.WriteNumber("maxBatchSize", 200);
        w.WriteStartArray("sobjects");
        foreach (var obj in ctx.Org.Schema.Objects.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            WriteObjectHeader(w, request.Version, obj);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }));

    private static void WriteObjectHeader(Utf8JsonWriter w, string version, SfObject obj)
    {
        w.WriteString("name", obj.Name);
        w.WriteString("label", obj.Label);
        w.WriteString("labelPlural", obj.Label + "s");
        w.WriteString("keyPrefix", obj.KeyPrefix);
        w.WriteBoolean("custom", false);
        w.WriteBoolean("createable", true);
        w.WriteBoolean("updateable", true);
        w.WriteBoolean("deletable", true);
        w.WriteBoolean("queryable", true);
        w.WriteBoolean("replicateable", true);
        w.WriteBoolean("retrieveable", true);
        w.WriteBoolean("searchable", true);
        w.WriteBoolean("triggerable", true);
        w.WriteBoolean("undeletable", true);
        w.WriteStartObject("urls");
        w.WriteString("sobject", $"/services/data/v{version}/sobjects/{obj.Name}");
        w.WriteString("describe", $"/services/data/v{version}/sobjects/{obj.Name}/describe");
        w.WriteString("rowTemplate", $"/services/data/v{version}/sobjects/{obj.Name}/{{ID}}");
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, SfField field)
    {
        var numeric = field.Type is "double" or "currency" or "percent";
        w.WriteStartObject();
        w.WriteString("name", field.Name);
        w.WriteString("label", field.Label);
        w.WriteString("type", field.Type);
        w.WriteString("soapType", field.Type switch
        {
            "id" or "reference" => "tns:ID",
            "boolean" => "xsd:boolean",
            "int" => "xsd:int",
            "double" or "currency" or "percent" => "xsd:double",
            "datetime" => "xsd:dateTime",
            "date" => "xsd:date",
            _ => "xsd:string",
        });
        w.WriteNumber("length", field.Length);
        w.WriteNumber("byteLength", field.Length * 3);
        w.WriteBoolean("createable", field.Updateable);
        w.WriteBoolean("updateable", field.Updateable);
        w.WriteBoolean("nillable", field.Nillable);
        w.WriteBoolean("custom", field.Custom);
        w.WriteBoolean("externalId", false);
        w.WriteBoolean("filterable", !field.LongText);
        w.WriteBoolean("sortable", !field.LongText);
        w.WriteBoolean("defaultedOnCreate", !field.Nillable && field.Name != "Id");
        w.WriteNumber("precision", numeric ? 18 : 0);
        w.WriteNumber("scale", field.Type == "currency" ? 2 : 0);
        w.WriteNumber("digits", field.Type == "int" ? 9 : 0);
        w.WriteStartArray("picklistValues");
        for (var i = 0; i < field.Picklist.Count; i++)
        {
            w.WriteStartObject();
            w.WriteBoolean("active", true);
            w.WriteBoolean("defaultValue", i == 0 && field.Name == "Status");
            w.WriteString("label", field.Picklist[i]);
            w.WriteNull("validFor");
            w.WriteString("value", field.Picklist[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("restrictedPicklist", false);
        w.WriteStartArray("referenceTo");
        if (field.ReferenceTo is { } to)
        {
            w.WriteStringValue(to);
        }

        w.WriteEndArray();
        if (field.ReferenceTo is not null && field.Name.EndsWith("Id", StringComparison.Ordinal))
        {
            w.WriteString("relationshipName", field.Name[..^2]);
        }
        else
        {
            w.WriteNull("relationshipName");
        }

        w.WriteEndObject();
    }

    /// <summary><c>GET sobjects/{type}/{id}</c>: every field of one record (deleted → 404).</summary>
    private static DataverseResponse Retrieve(SfRequest request, SalesforceContext ctx, string type, string id)
    {
        if (ctx.Org.Schema.Object(type) is not { } obj)
        {
            return SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        lock (ctx.Org.Store.Gate)
        {
            var row = ctx.Org.Find(obj, id);
            if (row is null || (obj.Include is { } include && !include(row, ctx.Org.Store.ByLogicalName(obj.Table)!.Table)))
            {
                return SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
            }

            var read = new SfReadContext(ctx.Org, ctx.Org.Store.ByLogicalName(obj.Table)!.Table) { Row = row };
            var record = obj.Fields.ToDictionary(f => f.Name, f => f.Read(read), StringComparer.OrdinalIgnoreCase);
            ctx.RecordsRead++;
            return SfResponse.Json(200, JsonBuffer.Write(w => WriteRecord(w, request.Version, obj, obj.Fields.ToList(), record)));
        }
    }
}
