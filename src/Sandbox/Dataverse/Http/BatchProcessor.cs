using System.Text;
using CrmExtensions.Sandbox.Dataverse.Store;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>
/// <c>POST $batch</c> (dataverse.md §3): independent requests each in their own transaction, change sets as one
/// transaction (a failure rolls the whole set back), Content-ID references, at most 1000 operations, executed in
/// order; without <c>Prefer: odata.continue-on-error</c> processing stops at the first failure and the outer status is
/// the failing request's status.
/// </summary>
internal static class BatchProcessor
{
    public const int MaxOperations = 1000;

    public static DataverseResponse Execute(DataverseRequest request, RequestContext ctx)
    {
        try
        {
            return Run(request, ctx);
        }
        catch (DataverseException e)
        {
            return DataverseResponse.From(e);
        }
    }

    private static DataverseResponse Run(DataverseRequest request, RequestContext ctx)
    {
        var boundary = MultipartReader.Boundary(request.Header("Content-Type"))
            ?? throw DataverseException.BadRequest("A $batch request needs Content-Type: multipart/mixed; boundary=…");
        var parts = MultipartReader.Parts(Encoding.UTF8.GetString(request.Body), boundary);
        var plan = parts.Select(Plan).ToList();
        if (plan.Sum(p => p.Count) > MaxOperations)
        {
            // COMMUNITY-reported wording (dataverse.md §3).
            throw DataverseException.BadRequest($"The current change set contains too many operations. A maximum number of '{MaxOperations}' operations are allowed in a change set");
        }

        var continueOnError = PreferHeader.Parse(request.Header("Prefer")).ContinueOnError;
        var contentIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var output = new StringBuilder();
        var outer = $"batchresponse_{Guid.NewGuid():D}";
        var status = 200;
        lock (ctx.Org.Gate)
        {
            foreach (var item in plan)
            {
                var failed = item.Count == 1 && !item.IsChangeSet
                    ? RunSingle(item.Requests[0], ctx, contentIds, output, outer)
                    : RunChangeSet(item.Requests, ctx, contentIds, output, outer);
                if (failed is { } failure && !continueOnError)
                {
                    status = failure;
                    break;
                }
            }
        }

        output.Append("--").Append(outer).Append("--\r\n");
        return new DataverseResponse(status, [new("OData-Version", "4.0")], Encoding.UTF8.GetBytes(output.ToString()), $"multipart/mixed; boundary={outer}");
    }

    private static (bool IsChangeSet, List<MultipartPart> Requests, int Count) Plan(MultipartPart part)
    {
        if (MultipartReader.Boundary(part.Headers.GetValueOrDefault("Content-Type")) is { } changeSet)
        {
            var inner = MultipartReader.Parts(part.Content, changeSet);
            return (true, inner, inner.Count);
        }

        return (false, [part], 1);
    }

    private static int? RunSingle(MultipartPart part, RequestContext ctx, Dictionary<string, string> ids, StringBuilder output, string boundary)
    {
        var tx = new Transaction(ctx.Org, Guid.NewGuid());
        var response = Invoke(part, ctx, tx, ids, inChangeSet: false);
        if (response.Status >= 400)
        {
            tx.Rollback();
        }
        else if (tx.TryCommit() is { } refused)
        {
            response = Hosting.SandboxHost.StepFailed(refused);
        }

        output.Append("--").Append(boundary).Append("\r\n");
        AppendPart(output, response, part.Headers.GetValueOrDefault("Content-ID"));
        return response.Status >= 400 ? response.Status : null;
    }

    private static int? RunChangeSet(List<MultipartPart> parts, RequestContext ctx, Dictionary<string, string> ids, StringBuilder output, string boundary)
    {
        var tx = new Transaction(ctx.Org, Guid.NewGuid());
        var responses = new List<(DataverseResponse Response, string? ContentId)>();
        var idsBefore = new Dictionary<string, string>(ids, StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var response = Invoke(part, ctx, tx, ids, inChangeSet: true);
            if (response.Status >= 400)
            {
                // A change set is one transaction: undo everything it did and answer with the failure alone.
                tx.Rollback();
                ids.Clear();
                foreach (var (k, v) in idsBefore)
                {
                    ids[k] = v;
                }

                output.Append("--").Append(boundary).Append("\r\n");
                AppendPart(output, response, part.Headers.GetValueOrDefault("Content-ID"));
                return response.Status;
            }

            responses.Add((response, part.Headers.GetValueOrDefault("Content-ID")));
        }

        if (tx.TryCommit() is { } refused)
        {
            ids.Clear();
            foreach (var (k, v) in idsBefore)
            {
                ids[k] = v;
            }

            output.Append("--").Append(boundary).Append("\r\n");
            AppendPart(output, Hosting.SandboxHost.StepFailed(refused), null);
            return 400;
        }

        var inner = $"changesetresponse_{Guid.NewGuid():D}";
        output.Append("--").Append(boundary).Append("\r\n");
        output.Append("Content-Type: multipart/mixed; boundary=").Append(inner).Append("\r\n\r\n");
        foreach (var (response, contentId) in responses)
        {
            output.Append("--").Append(inner).Append("\r\n");
            AppendPart(output, response, contentId);
        }

        output.Append("--").Append(inner).Append("--\r\n");
        return null;
    }

    private static DataverseResponse Invoke(MultipartPart part, RequestContext ctx, Transaction tx, Dictionary<string, string> ids, bool inChangeSet)
    {
        try
        {
            var (method, url, headers, body) = MultipartReader.Request(part.Content);
            if (inChangeSet && method == "GET")
            {
                throw DataverseException.BadRequest("GET requests are not allowed inside a change set.");
            }

            var path = ResolveUrl(url, ids);
            var query = string.Empty;
            var q = path.IndexOf('?', StringComparison.Ordinal);
            if (q >= 0)
            {
                query = path[(q + 1)..];
                path = path[..q];
            }

            body = ResolveBinds(body, ids, ctx);
            if (ctx.Faults.Roll(f => f.BatchItemFailure))
            {
                return DataverseResponse.Error(500, "0x80040216", "An unexpected error occurred.");
            }

            var inner = new DataverseRequest(method, path, query, headers, Encoding.UTF8.GetBytes(body));
            var scoped = ctx with { Tx = tx };
            var response = DataverseApi.Execute(inner, scoped);
            ctx.RecordsRead += scoped.RecordsRead;
            ctx.RecordsWritten += scoped.RecordsWritten;
            if (part.Headers.GetValueOrDefault("Content-ID") is { } contentId
                && response.Headers.FirstOrDefault(h => h.Key == "OData-EntityId").Value is { } entityId)
            {
                ids[contentId] = entityId;
            }

            return response;
        }
        catch (DataverseException e)
        {
            return DataverseResponse.From(e);
        }
    }

    /// <summary>Inner URLs may be absolute, relative to the host, or a <c>$n</c> Content-ID reference.</summary>
    private static string ResolveUrl(string url, Dictionary<string, string> ids)
    {
        if (url.StartsWith('$') && url.Length > 1 && char.IsAsciiDigit(url[1]))
        {
            var end = 1;
            while (end < url.Length && char.IsAsciiDigit(url[end]))
            {
                end++;
            }

            var id = url[1..end];
            url = (ids.TryGetValue(id, out var entity) ? entity : throw ContentIdMissing(id)) + url[end..];
        }

        var api = url.IndexOf("/api/data/v9.2/", StringComparison.OrdinalIgnoreCase);
        return api >= 0 ? url[(api + "/api/data/v9.2/".Length)..] : url.TrimStart('/');
    }

    private static string ResolveBinds(string body, Dictionary<string, string> ids, RequestContext ctx)
    {
        if (!body.Contains("\"$", StringComparison.Ordinal))
        {
            return body;
        }

        return System.Text.RegularExpressions.Regex.Replace(body, "\"\\$(\\d+)\"", m =>
            ids.TryGetValue(m.Groups[1].Value, out var entity) ? $"\"{entity.Replace(ctx.ApiRoot, string.Empty, StringComparison.Ordinal)}\"" : throw ContentIdMissing(m.Groups[1].Value));
    }

    private static DataverseException ContentIdMissing(string id) =>
        DataverseException.BadRequest($"Content-ID Reference: '${id}' does not exist in the batch context.");

    private static void AppendPart(StringBuilder output, DataverseResponse response, string? contentId)
    {
        output.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null)
        {
            output.Append("Content-ID: ").Append(contentId).Append("\r\n");
        }

        output.Append("\r\nHTTP/1.1 ").Append(response.Status).Append(' ').Append(ReasonPhrases.GetReasonPhrase(response.Status)).Append("\r\n");
        if (response.ContentType is not null)
        {
            output.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        }

        foreach (var (name, value) in response.Headers)
        {
            output.Append(name).Append(": ").Append(value).Append("\r\n");
            if (name == "OData-EntityId")
            {
                output.Append("Location: ").Append(value).Append("\r\n");
            }
        }

        output.Append("\r\n");
        if (response.Body is not null)
        {
            output.Append(Encoding.UTF8.GetString(response.Body));
        }

        output.Append("\r\n");
    }
}
