using CrmExtensions.Sandbox.Dataverse.Http;

namespace CrmExtensions.Sandbox.Salesforce.Http;

/// <summary>The REST resources under <c>/services/data/vXX.X/</c> (salesforce.md §2, §3, §5, §6).</summary>
internal static partial class SalesforceApi
{
    private static readonly string[] ResourceNames = ["limits", "query", "queryAll", "sobjects", "composite"];

    public static DataverseResponse Execute(SfRequest request, SalesforceContext ctx)
    {
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method;
        return (method, segments) switch
        {
            ("GET", []) => Resources(request),
            ("GET", ["query" or "queryAll"]) => Query(request, ctx, all: segments[0] == "queryAll"),
            ("GET", ["query" or "queryAll", var locator]) => NextPage(request, ctx, locator),
            ("GET", ["limits"]) => Limits(ctx),
            ("GET", ["sobjects"]) => Global(request, ctx),
            ("GET", ["sobjects", var type, "describe"]) => Describe(request, ctx, type),
            ("GET", ["sobjects", var type, "updated"]) => Updated(request, ctx, type),
            ("GET", ["sobjects", var type, "deleted"]) => Deleted(request, ctx, type),
            ("GET", ["sobjects", var type, var id]) => Retrieve(request, ctx, type, id),
            ("PATCH", ["sobjects", var type, var id]) => Update(request, ctx, type, id),
            ("POST", ["sobjects", var type, var id]) when request.Query["_HttpMethod"] == "PATCH" => Update(request, ctx, type, id),
            ("PATCH", ["composite", "sobjects"]) => CollectionUpdate(request, ctx),
            ("POST", ["jobs", "query"]) => CreateQueryJob(request, ctx),
            ("POST", ["jobs", "ingest"]) => CreateIngestJob(request, ctx),
            (_, ["jobs", "ingest", var job]) => IngestJob(request, ctx, job, null),
            (_, ["jobs", "ingest", var job, var sub]) => IngestJob(request, ctx, job, sub),
            ("GET", ["jobs", "query", var job]) => GetQueryJob(ctx, job),
            ("GET", ["jobs", "query", var job, "results"]) => QueryJobResults(request, ctx, job),
            (_, ["query" or "queryAll" or "limits" or "sobjects" or "composite" or "jobs", ..]) =>
                SfResponse.Error(405, "METHOD_NOT_ALLOWED", $"HTTP Method '{method}' not allowed. Allowed are GET"),
            _ => SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist"),
        };
    }

    private static DataverseResponse Resources(SfRequest request) => SfResponse.Json(200, JsonBuffer.Write(w =>
    {
        w.WriteStartObject();
        foreach (var name in ResourceNames)
        {
            w.WriteString(name, $"/services/data/v{request.Version}/{name}");
        }

        w.WriteEndObject();
    }));
}
