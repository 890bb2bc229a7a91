using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Salesforce.Bulk;
using CrmExtensions.Sandbox.Salesforce.Soql;

namespace CrmExtensions.Sandbox.Salesforce.Http;

internal static partial class SalesforceApi
{
    private const int DefaultBulkMaxRecords = 10_000;

    /// <summary><c>POST jobs/query</c> with <c>{"operation":"query"|"queryAll","query":"…"}</c> (salesforce.md §4b).</summary>
    private static DataverseResponse CreateQueryJob(SfRequest request, SalesforceContext ctx)
    {
        string? operation;
        string? soql;
        try
        {
            using var doc = JsonDocument.Parse(request.Body);
            var root = doc.RootElement;
            operation = root.TryGetProperty("operation", out var o) ? o.GetString() : null;
            soql = root.TryGetProperty("query", out var q) ? q.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return SfResponse.Error(400, "JSON_PARSER_ERROR", e.Message);
        }

        if (operation is not ("query" or "queryAll") || string.IsNullOrEmpty(soql))
        {
            return SfResponse.Error(400, "INVALIDJOB", "operation must be query or queryAll and query is required");
        }

        try
        {
            var query = SoqlParser.Parse(soql);
            var obj = ctx.Org.Schema.Object(query.Object) ?? throw new SoqlException("INVALID_TYPE", $"sObject type '{query.Object}' is not supported.");
            SoqlEvaluator.Validate(query, obj);
            var fields = query.Fields.Select(f => obj.Field(f)!).DistinctBy(f => f.Name).ToList();
            var records = Select(ctx, obj, query, fields, operation == "queryAll");
            var job = new BulkQueryJob(SalesforceId.From("750", Guid.NewGuid()), operation, obj, fields, records, request.Version, ctx.Org.Store.Now);
            ctx.Org.QueryJobs[job.Id] = job;
            return SfResponse.Json(200, JobJson(ctx, job, poll: false));
        }
        catch (SoqlException e)
        {
            return SfResponse.Error(400, e.ErrorCode, e.Message);
        }
    }

    /// <summary><c>GET jobs/query/{id}</c>: the job; the first poll completes it.</summary>
    private static DataverseResponse GetQueryJob(SalesforceContext ctx, string id)
    {
        if (!ctx.Org.QueryJobs.TryGetValue(id, out var job))
        {
            return SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        var body = JobJson(ctx, job, poll: true);
        job.State = "JobComplete";
        return SfResponse.Json(200, body);
    }

    /// <summary>
    /// <c>GET jobs/query/{id}/results[?locator=&amp;maxRecords=]</c>: CSV with <c>Sforce-NumberOfRecords</c> and
    /// <c>Sforce-Locator</c>, the literal <c>null</c> after the last set (salesforce.md §4b).
    /// </summary>
    private static DataverseResponse QueryJobResults(SfRequest request, SalesforceContext ctx, string id)
    {
        if (!ctx.Org.QueryJobs.TryGetValue(id, out var job))
        {
            return SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        if (job.Version != request.Version)
        {
            // salesforce.md §4b: results only through the job's API version, else 409 (body UNVERIFIED).
            return SfResponse.Error(409, "INVALIDJOBSTATE", $"Job was created with API version {job.Version}; fetch its results with the same version");
        }

        if (job.State != "JobComplete")
        {
            return SfResponse.Error(412, "JOB_NOT_COMPLETE", "Job is not complete. Current status: IN_PROGRESS");
        }

        var offset = 0;
        var locator = request.Query["locator"].ToString();
        if (locator.Length > 0)
        {
            try
            {
                offset = int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(locator.PadRight(locator.Length + ((4 - (locator.Length % 4)) % 4), '='))), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                return SfResponse.Error(400, "INVALID_LOCATOR", "Invalid locator");
            }
        }

        var max = int.TryParse(request.Query["maxRecords"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0 ? m : DefaultBulkMaxRecords;
        var end = Math.Min(job.Records.Count, offset + max);
        var csv = new StringBuilder();
        csv.AppendJoin(',', job.Fields.Select(f => Quote(f.Name))).Append('\n');
        for (var i = offset; i < end; i++)
        {
            csv.AppendJoin(',', job.Fields.Select(f => Quote(CsvValue(job.Records[i][f.Name])))).Append('\n');
        }

        ctx.RecordsRead += end - offset;
        var next = end < job.Records.Count ? Convert.ToBase64String(Encoding.ASCII.GetBytes(end.ToString(CultureInfo.InvariantCulture))).TrimEnd('=') : "null";
        return new DataverseResponse(200,
            [new("Sforce-NumberOfRecords", (end - offset).ToString(CultureInfo.InvariantCulture)), new("Sforce-Locator", next)],
            Encoding.UTF8.GetBytes(csv.ToString()), "text/csv");
    }

    private static byte[] JobJson(SalesforceContext ctx, BulkQueryJob job, bool poll) => JsonBuffer.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("operation", job.Operation);
        w.WriteString("object", job.Object.Name);
        w.WriteString("createdById", ctx.Org.UserId);
        w.WriteString("createdDate", SfJson.DateTimeText(job.Created));
        w.WriteString("systemModstamp", SfJson.DateTimeText(job.Created));
        w.WriteString("state", poll ? "JobComplete" : job.State);
        w.WriteString("concurrencyMode", "Parallel");
        w.WriteString("contentType", "CSV");
        w.WriteNumber("apiVersion", decimal.Parse(job.Version, CultureInfo.InvariantCulture));
        if (poll)
        {
            w.WriteString("jobType", "V2Query");
        }

        w.WriteString("lineEnding", "LF");
        w.WriteString("columnDelimiter", "COMMA");
        if (poll)
        {
            w.WriteNumber("numberRecordsProcessed", job.Records.Count);
            w.WriteNumber("retries", 0);
            w.WriteNumber("totalProcessingTime", 0);
        }

        w.WriteEndObject();
    });

    private static string CsvValue(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        DateTime dt => SfJson.DateTimeText(dt),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
