using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Salesforce.Bulk;

namespace CrmExtensions.Sandbox.Salesforce.Http;

internal static partial class SalesforceApi
{
    private static readonly Dictionary<string, char> Delimiters = new(StringComparer.Ordinal)
    {
        ["COMMA"] = ',', ["TAB"] = '\t', ["SEMICOLON"] = ';', ["PIPE"] = '|', ["CARET"] = '^', ["BACKQUOTE"] = '`',
    };

    /// <summary><c>POST jobs/ingest</c> (salesforce.md §4a step 1): update and upsert (by Id) jobs.</summary>
    private static DataverseResponse CreateIngestJob(SfRequest request, SalesforceContext ctx)
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

        string? Prop(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var operation = Prop("operation");
        var obj = Prop("object") is { } name ? ctx.Org.Schema.Object(name) : null;
        var delimiterName = Prop("columnDelimiter") ?? "COMMA";
        var lineEnding = Prop("lineEnding") ?? "LF";
        if (obj is null)
        {
            return SfResponse.Error(400, "INVALIDJOB", $"Unable to find object: {Prop("object")}");
        }

        if (operation is not ("update" or "upsert"))
        {
            // insert/delete/hardDelete exist in Bulk 2.0 but the sandbox serves only the write-back operations.
            return SfResponse.Error(400, "INVALIDJOB", $"Operation {operation} is not supported by the sandbox; use update or upsert");
        }

        var externalId = Prop("externalIdFieldName");
        if (operation == "upsert" && externalId is null)
        {
            return SfResponse.Error(400, "INVALIDJOB", "External ID was blank for upsert");
        }

        if (externalId is not null && !string.Equals(externalId, "Id", StringComparison.OrdinalIgnoreCase))
        {
            return SfResponse.Error(400, "INVALIDJOB", $"The field {externalId} is not an external ID field on {obj.Name}");
        }

        if (!Delimiters.TryGetValue(delimiterName, out var delimiter) || lineEnding is not ("LF" or "CRLF") || (Prop("contentType") ?? "CSV") != "CSV")
        {
            return SfResponse.Error(400, "INVALIDJOB", "Invalid contentType, lineEnding or columnDelimiter");
        }

        var job = new BulkIngestJob(SalesforceId.From("750", Guid.NewGuid()), operation, obj, externalId, delimiter, lineEnding, delimiterName, request.Version, ctx.Org.Store.Now);
        ctx.Org.IngestJobs[job.Id] = job;
        return SfResponse.Json(200, IngestJson(ctx, job, poll: false));
    }

    /// <summary>Routes <c>jobs/ingest/{id}[/…]</c>.</summary>
    private static DataverseResponse IngestJob(SfRequest request, SalesforceContext ctx, string id, string? sub)
    {
        if (!ctx.Org.IngestJobs.TryGetValue(id, out var job))
        {
            return SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        lock (job)
        {
            return (request.Method, sub?.ToLowerInvariant()) switch
            {
                ("PUT", "batches") => Upload(request, job),
                ("PATCH", null) => ChangeState(request, ctx, job),
                ("GET", null) => Poll(ctx, job),
                ("DELETE", null) when job.State is "UploadComplete" or "JobComplete" or "Aborted" or "Failed" => Forget(ctx, job),
                ("DELETE", null) => SfResponse.Error(400, "INVALIDJOBSTATE", "Job is not in a state that can be deleted"),
                ("GET", "successfulresults" or "failedresults" or "unprocessedrecords") => IngestResults(request, job, sub!.ToLowerInvariant()),
                _ => SfResponse.Error(405, "METHOD_NOT_ALLOWED", $"HTTP Method '{request.Method}' not allowed."),
            };
        }
    }

    /// <summary>PUT batches while Open → 201, no body (salesforce.md §4a step 2).</summary>
    private static DataverseResponse Upload(SfRequest request, BulkIngestJob job)
    {
        if (job.State != "Open")
        {
            return SfResponse.Error(409, "INVALIDJOBSTATE", $"Job is not open for uploads. Current state: {job.State}");
        }

        var rows = CsvReader.Read(Encoding.UTF8.GetString(request.Body), job.Delimiter);
        if (rows.Count == 0)
        {
            return SfResponse.Error(400, "INVALIDJOB", "The CSV is empty");
        }

        if (job.Header is null)
        {
            job.Header = rows[0];
        }
        else if (!rows[0].SequenceEqual(job.Header, StringComparer.Ordinal))
        {
            return SfResponse.Error(400, "INVALIDJOB", "Every upload of a job must have the same header");
        }

        job.Rows.AddRange(rows.Skip(1));
        return new DataverseResponse(201, [], null, null);
    }

    /// <summary>PATCH {"state":"UploadComplete"|"Aborted"} (salesforce.md §4a step 3); completing processes the rows.</summary>
    private static DataverseResponse ChangeState(SfRequest request, SalesforceContext ctx, BulkIngestJob job)
    {
        string? state;
        try
        {
            using var doc = JsonDocument.Parse(request.Body);
            state = doc.RootElement.TryGetProperty("state", out var s) ? s.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return SfResponse.Error(400, "JSON_PARSER_ERROR", e.Message);
        }

        // Processing starts as soon as the upload is complete (the job is InProgress), so only an open job aborts here.
        if (state == "Aborted" && job.State == "Open")
        {
            job.State = "Aborted";
            job.Unprocessed.AddRange(job.Rows);
        }
        else if (state == "UploadComplete" && job.State == "Open")
        {
            // A real org queues the job and answers at once; the rows are applied in the background (the caller polls).
            job.State = "UploadComplete";
            _ = Task.Run(() => Process(ctx, job));
        }
        else
        {
            return SfResponse.Error(409, "INVALIDJOBSTATE", $"Cannot change state from {job.State} to {state}");
        }

        job.Modified = ctx.Org.Store.Now;
        return SfResponse.Json(200, IngestJson(ctx, job, poll: false));
    }

    private static DataverseResponse Poll(SalesforceContext ctx, BulkIngestJob job)
    {
        var body = IngestJson(ctx, job, poll: true);
        job.Polled |= job.State == "UploadComplete" && job.Processed;
        return SfResponse.Json(200, body);
    }

    private static DataverseResponse Forget(SalesforceContext ctx, BulkIngestJob job)
    {
        ctx.Org.IngestJobs.TryRemove(job.Id, out _);
        return SfResponse.NoContent();
    }

    /// <summary>
    /// Applies each row in its own transaction (Bulk is not all-or-none). CSV rules (salesforce.md §4a): empty cell =
    /// leave the field alone, <c>#N/A</c> = set null, values are not trimmed.
    /// </summary>
    private static void Process(SalesforceContext ctx, BulkIngestJob job)
    {
        var successful = new List<(string Id, bool Created, string[] Row)>();
        var failed = new List<(string Id, string Error, string[] Row)>();
        List<string[]> rows;
        lock (job)
        {
            rows = [.. job.Rows];
        }

        try
        {
            ApplyRows(ctx, job, rows, successful, failed);
        }
#pragma warning disable CA1031 // a background job that breaks must end Failed, as a real one does, not hang its pollers
        catch (Exception)
#pragma warning restore CA1031
        {
            lock (job)
            {
                job.State = "Failed";
                job.Unprocessed.AddRange(job.Rows);
            }

            return;
        }

        lock (job)
        {
            job.Successful.AddRange(successful);
            job.Failed.AddRange(failed);
            job.Processed = true;
            job.Modified = ctx.Org.Store.Now;
        }
    }

    private static void ApplyRows(
        SalesforceContext ctx, BulkIngestJob job, List<string[]> rows,
        List<(string Id, bool Created, string[] Row)> successful, List<(string Id, string Error, string[] Row)> failed)
    {
        var header = job.Header ?? [];
        var idColumn = Array.FindIndex(header, h => string.Equals(h, job.ExternalIdField ?? "Id", StringComparison.OrdinalIgnoreCase));
        lock (ctx.Org.Store.Gate)
        {
            foreach (var row in rows)
            {
                var id = idColumn >= 0 && idColumn < row.Length ? row[idColumn] : string.Empty;
                if (id.Length == 0)
                {
                    failed.Add((string.Empty, "MISSING_ARGUMENT:Id not specified in an update call --", row));
                    continue;
                }

                var body = JsonBuffer.Write(w =>
                {
                    w.WriteStartObject();
                    for (var i = 0; i < header.Length && i < row.Length; i++)
                    {
                        if (i == idColumn || row[i].Length == 0)
                        {
                            continue;
                        }

                        if (row[i] == "#N/A")
                        {
                            w.WriteNull(header[i]);
                        }
                        else
                        {
                            w.WriteString(header[i], row[i]);
                        }
                    }

                    w.WriteEndObject();
                });
                using var doc = JsonDocument.Parse(body);
                var tx = new Transaction(ctx.Org.Store, Guid.NewGuid());
                var error = Apply(ctx, job.Object, id, doc.RootElement, tx, idInBody: true);
                if (error is null)
                {
                    CommitCustom(ctx, tx);
                    successful.Add((ctx.Org.IdOf(job.Object.Table, ctx.Org.Find(job.Object, id)!.Id), false, row));
                }
                else
                {
                    tx.Rollback();
                    var fields = error.Fields.Count > 0 ? ":" + string.Join(',', error.Fields) : string.Empty;
                    failed.Add((SalesforceId.To15(id) is null ? string.Empty : id, $"{error.Code}:{error.Message}{fields} --", row));
                }
            }
        }
    }

    /// <summary>successfulResults / failedResults / unprocessedrecords as CSV, ordered by sf__Id, not input order.</summary>
    private static DataverseResponse IngestResults(SfRequest request, BulkIngestJob job, string kind)
    {
        if (job.Version != request.Version)
        {
            return SfResponse.Error(409, "INVALIDJOBSTATE", $"Job was created with API version {job.Version}; fetch its results with the same version");
        }

        if (kind != "unprocessedrecords" && (job.State is "Open" or "Aborted" || !job.Processed))
        {
            return SfResponse.Error(400, "INVALIDJOBSTATE", $"Results are not available. Current state: {job.State}");
        }

        var newline = job.LineEnding == "CRLF" ? "\r\n" : "\n";
        var columns = job.Header ?? [];
        var sb = new StringBuilder();
        void Line(IEnumerable<string> values) => sb.AppendJoin(job.Delimiter, values.Select(Quote)).Append(newline);
        switch (kind)
        {
            case "successfulresults":
                Line(["sf__Id", "sf__Created", .. columns]);
                foreach (var (id, created, row) in job.Successful.OrderBy(s => s.Id, StringComparer.Ordinal))
                {
                    Line([id, created ? "true" : "false", .. row]);
                }

                break;
            case "failedresults":
                Line(["sf__Id", "sf__Error", .. columns]);
                foreach (var (id, error, row) in job.Failed.OrderBy(f => f.Id, StringComparer.Ordinal))
                {
                    Line([id, error, .. row]);
                }

                break;
            default:
                Line(columns);
                foreach (var row in job.Unprocessed)
                {
                    Line(row);
                }

                break;
        }

        return new DataverseResponse(200, [], Encoding.UTF8.GetBytes(sb.ToString()), "text/csv");
    }

    private static byte[] IngestJson(SalesforceContext ctx, BulkIngestJob job, bool poll) => JsonBuffer.Write(w =>
    {
        // Processed jobs read UploadComplete until polled once, then JobComplete (salesforce.md §4a step 4 states).
        var state = job.State != "UploadComplete" ? job.State
            : !job.Processed ? (poll ? "InProgress" : job.State)
            : poll || job.Polled ? "JobComplete" : job.State;
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("operation", job.Operation);
        w.WriteString("object", job.Object.Name);
        w.WriteString("createdById", ctx.Org.UserId);
        w.WriteString("createdDate", SfJson.DateTimeText(job.Created));
        w.WriteString("systemModstamp", SfJson.DateTimeText(job.Modified));
        w.WriteString("state", state);
        if (job.ExternalIdField is { } ext)
        {
            w.WriteString("externalIdFieldName", ext);
        }

        w.WriteString("concurrencyMode", "Parallel");
        w.WriteString("contentType", "CSV");
        w.WriteNumber("apiVersion", decimal.Parse(job.Version, CultureInfo.InvariantCulture));
        if (!poll)
        {
            // No leading slash; the version form ("66.0" in the doc, "v47.0" captured) is a setting (salesforce.md §4a).
            var version = ctx.Settings.ContentUrlVersionWithV ? "v" + job.Version : job.Version;
            w.WriteString("contentUrl", $"services/data/{version}/jobs/ingest/{job.Id}/batches");
        }
        else
        {
            w.WriteString("jobType", "V2Ingest");
        }

        w.WriteString("lineEnding", job.LineEnding);
        w.WriteString("columnDelimiter", job.DelimiterName);
        if (poll)
        {
            w.WriteNumber("numberRecordsProcessed", job.Successful.Count + job.Failed.Count);
            w.WriteNumber("numberRecordsFailed", job.Failed.Count);
            w.WriteNumber("retries", 0);
            w.WriteNumber("totalProcessingTime", 0);
            w.WriteNumber("apiActiveProcessingTime", 0);
            w.WriteNumber("apexProcessingTime", 0);
        }

        w.WriteEndObject();
    });
}
