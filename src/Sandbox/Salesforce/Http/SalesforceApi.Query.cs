using System.Globalization;
using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Salesforce.Schema;
using CrmExtensions.Sandbox.Salesforce.Soql;

namespace CrmExtensions.Sandbox.Salesforce.Http;

internal static partial class SalesforceApi
{
    private const string IdKey = "Id";

    /// <summary>
    /// <c>GET query?q=</c> / <c>queryAll?q=</c> (salesforce.md §2a, §2b): pages of up to batchSize records with a
    /// <c>nextRecordsUrl</c> locator; deleted rows (IsDeleted = true) only through queryAll.
    /// </summary>
    private static DataverseResponse Query(SfRequest request, SalesforceContext ctx, bool all)
    {
        var text = request.Query["q"].ToString();
        if (text.Length == 0)
        {
            return SfResponse.Error(400, "MALFORMED_QUERY", "A query string has to be specified");
        }

        SoqlQuery query;
        SfObject obj;
        try
        {
            query = SoqlParser.Parse(text);
            obj = ctx.Org.Schema.Object(query.Object) ?? throw new SoqlException("INVALID_TYPE",
                $"sObject type '{query.Object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
            SoqlEvaluator.Validate(query, obj);
        }
        catch (SoqlException e)
        {
            return SfResponse.Error(400, e.ErrorCode, e.Message);
        }

        var fields = query.Fields.Select(f => obj.Field(f)!).DistinctBy(f => f.Name).ToList();
        var records = Select(ctx, obj, query, fields, all);
        var batch = BatchSize(request, fields);
        var cursorId = Guid.NewGuid().ToString("N")[..15];
        var cursor = new QueryCursor(query, records, batch, DateTimeOffset.UtcNow);
        if (records.Count > batch)
        {
            // Abandoned locators would hold their result forever: keep the 10 newest, none older than 15 minutes
            // (Salesforce's open-cursor limit and locator lifetime; not in the notes, a sandbox memory bound).
            foreach (var stale in ctx.Org.Cursors.OrderByDescending(c => c.Value.CreatedAt).Skip(9)
                .Concat(ctx.Org.Cursors.Where(c => DateTimeOffset.UtcNow - c.Value.CreatedAt > TimeSpan.FromMinutes(15))).ToList())
            {
                ctx.Org.Cursors.TryRemove(stale.Key, out _);
            }

            ctx.Org.Cursors[cursorId] = cursor;
        }

        return Page(request, ctx, obj, fields, cursor, cursorId, 0);
    }

    /// <summary><c>GET query/{queryId}-{offset}</c>: the next page of an earlier query (salesforce.md §2a).</summary>
    private static DataverseResponse NextPage(SfRequest request, SalesforceContext ctx, string locator)
    {
        var dash = locator.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(locator.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || !ctx.Org.Cursors.TryGetValue(locator[..dash], out var cursor) || offset > cursor.Records.Count)
        {
            return SfResponse.Error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }

        var obj = ctx.Org.Schema.Object(cursor.Query.Object)!;
        var fields = cursor.Query.Fields.Select(f => obj.Field(f)!).DistinctBy(f => f.Name).ToList();
        return Page(request, ctx, obj, fields, cursor, locator[..dash], offset);
    }

    private static DataverseResponse Page(SfRequest request, SalesforceContext ctx, SfObject obj, List<SfField> fields, QueryCursor cursor, string cursorId, int offset)
    {
        var end = Math.Min(cursor.Records.Count, offset + cursor.BatchSize);
        ctx.RecordsRead += end - offset;
        var done = end >= cursor.Records.Count;
        if (done)
        {
            ctx.Org.Cursors.TryRemove(cursorId, out _);
        }

        return SfResponse.Json(200, JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("totalSize", cursor.Records.Count);
            w.WriteBoolean("done", done);
            if (!done)
            {
                // queryAll pages also come from /query/ (salesforce.md §2b).
                w.WriteString("nextRecordsUrl", $"/services/data/v{request.Version}/query/{cursorId}-{end}");
            }

            w.WriteStartArray("records");
            for (var i = offset; i < end; i++)
            {
                WriteRecord(w, request.Version, obj, fields, cursor.Records[i]);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static void WriteRecord(Utf8JsonWriter w, string version, SfObject obj, List<SfField> fields, Dictionary<string, object?> record)
    {
        w.WriteStartObject();
        w.WriteStartObject("attributes");
        w.WriteString("type", obj.Name);
        w.WriteString("url", $"/services/data/v{version}/sobjects/{obj.Name}/{record[IdKey]}");
        w.WriteEndObject();
        foreach (var field in fields)
        {
            SfJson.Write(w, field.Name, record[field.Name]);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// Sforce-Query-Options: batchSize=N (default 2,000, min 200, max 2,000); two or more long-text fields selected
    /// cap it at 200 (salesforce.md §2a).
    /// </summary>
    private static int BatchSize(SfRequest request, List<SfField> fields)
    {
        var batch = 2000;
        var header = request.Headers["Sforce-Query-Options"].ToString();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("batchSize=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(part.AsSpan("batchSize=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var requested))
            {
                batch = Math.Clamp(requested, 200, 2000);
            }
        }

        return fields.Count(f => f.LongText) >= 2 ? Math.Min(batch, 200) : batch;
    }

    /// <summary>Evaluates a query under the org's gate into projected records (every field it names, plus Id).</summary>
    private static List<Dictionary<string, object?>> Select(SalesforceContext ctx, SfObject obj, SoqlQuery query, List<SfField> selected, bool all)
    {
        var needed = selected.Select(f => f.Name)
            .Concat(query.OrderBy.Select(o => obj.Field(o.Field)!.Name))
            .Concat(Names(query.Where).Select(n => obj.Field(n)!.Name))
            .Append(IdKey).Distinct(StringComparer.Ordinal).Select(n => obj.Field(n)!).ToList();
        var result = new List<Dictionary<string, object?>>();
        var org = ctx.Org;
        lock (org.Store.Gate)
        {
            var store = org.Store.ByLogicalName(obj.Table)!;
            var read = new SfReadContext(org, store.Table);
            var merged = org.Merged(obj.Table);
            foreach (var row in store.Rows)
            {
                if (obj.Include is { } include && !include(row, store.Table))
                {
                    continue;
                }

                read.MergedInto = merged.TryGetValue(row.Id, out var master) ? master : null;
                if (read.MergedInto is not null && !all)
                {
                    continue;
                }

                read.Row = row;
                Add(read);
            }

            read.MergedInto = null;

            if (all && !ctx.Settings.HardDeletes)
            {
                // Deleted rows keep only their id and deletion time here (the sandbox keeps tombstones, not a recycle bin).
                read.Row = null;
                foreach (var tombstone in store.Tombstones)
                {
                    read.Tombstone = tombstone;
                    Add(read);
                }
            }
        }

        if (query.OrderBy.Count > 0)
        {
            var orders = query.OrderBy.Select(o => (Name: obj.Field(o.Field)!.Name, o.Descending, o.NullsLast)).ToList();
            result.Sort((a, b) =>
            {
                foreach (var (name, descending, nullsLast) in orders)
                {
                    var (x, y) = (a[name], b[name]);
                    var c = x is null || y is null
                        ? (x is null ? (y is null ? 0 : nullsLast ? 1 : -1) : (nullsLast ? -1 : 1))
                        : SoqlEvaluator.CompareValues(x, y) * (descending ? -1 : 1);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                return string.CompareOrdinal(a[IdKey] as string, b[IdKey] as string);
            });
        }
        else
        {
            result.Sort((a, b) => string.CompareOrdinal(a[IdKey] as string, b[IdKey] as string));
        }

        IEnumerable<Dictionary<string, object?>> paged = result;
        if (query.Offset is { } offset)
        {
            paged = paged.Skip(offset);
        }

        if (query.Limit is { } limit)
        {
            paged = paged.Take(limit);
        }

        return paged.ToList();

        void Add(SfReadContext read)
        {
            var record = new Dictionary<string, object?>(needed.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var field in needed)
            {
                record[field.Name] = field.Read(read);
            }

            if (query.Where is null || SoqlEvaluator.Matches(query.Where, record))
            {
                result.Add(record);
            }
        }
    }

    private static IEnumerable<string> Names(SoqlNode? node) => node switch
    {
        SoqlLogical l => Names(l.Left).Concat(Names(l.Right)),
        SoqlNot n => Names(n.Inner),
        SoqlComparison c => [c.Field],
        _ => [],
    };
}
