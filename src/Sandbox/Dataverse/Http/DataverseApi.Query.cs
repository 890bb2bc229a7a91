using System.Globalization;
using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Query;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Http;

internal static partial class DataverseApi
{
    /// <summary>Default and maximum page size; larger maxpagesize values are ignored (dataverse.md §1 Paging).</summary>
    public const int MaxPageSize = 5000;

    private static readonly string[] TrackingForbidden = ["$filter", "$orderby", "$expand", "$top"];

    private static DataverseResponse QueryCollection(EntityStore store, DataverseRequest request, RequestContext ctx, bool countOnly)
    {
        var table = store.Table;
        var prefer = PreferHeader.Parse(request.Header("Prefer"));
        var raw = QueryOptions.ParseQueryString(request.RawQuery);
        var tracking = prefer.TrackChanges || raw.ContainsKey("$deltatoken")
            || (raw.TryGetValue("$skiptoken", out var st) && PagingCookie.Parse(st).IsTracking);
        if (tracking)
        {
            foreach (var forbidden in TrackingForbidden)
            {
                if (raw.ContainsKey(forbidden))
                {
                    // Exact wording from dataverse.md §2.
                    throw DataverseException.BadRequest($"The \"{forbidden}\" query parameter isn't supported when Change Tracking is enabled.");
                }
            }

            var trackingOptions = QueryOptions.Parse(table, request.RawQuery);
            return ChangeTrackingQuery(store, request, ctx, prefer, trackingOptions, countOnly);
        }

        var options = QueryOptions.Parse(table, request.RawQuery, n => ctx.Org.ByLogicalName(n)?.Table, ctx.Org.Now);
        var sort = SortKeys(table, options.OrderBy);
        if (countOnly)
        {
            var n = store.Rows.Count(r => options.Filter?.Invoke(r) ?? true);
            return DataverseResponse.Text(200, n.ToString(CultureInfo.InvariantCulture));
        }

        var paged = prefer.MaxPageSize is not null || options.Top is null;
        var pageSize = prefer.MaxPageSize is { } p && p <= MaxPageSize ? p : MaxPageSize;
        var limit = paged ? pageSize : Math.Min(options.Top!.Value, MaxPageSize);
        var cookie = options.SkipToken is { } token ? PagingCookie.Parse(token) : null;
        var page = Page(store, options, sort, cookie, limit + 1);
        var hasMore = page.Count > limit && paged;
        if (page.Count > limit)
        {
            page.RemoveAt(page.Count - 1);
        }

        int? total = options.Count ? store.Rows.Count(r => options.Filter?.Invoke(r) ?? true) : null;
        ctx.RecordsRead += page.Count;
        var writer = new RowWriter(ctx.Org, table, options.Select, prefer, options.Expand);
        string? nextLink = null;
        if (hasMore)
        {
            var last = page[^1];
            var next = new PagingCookie(
                (cookie?.NextPage ?? 1) + 1,
                sort.Select(k => (k.Name, KeyText(k.Get(last)))).ToList(),
                KeyText(page[0].Id), false, new Dictionary<string, string>());
            nextLink = Link(ctx, table, request.RawQuery, "$skiptoken", PagingCookie.OuterEncode(next.ToSkipToken()));
        }

        var body = JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", Context(ctx, table, options.ContextNames));
            if (total is { } t)
            {
                w.WriteNumber("@odata.count", t);
            }

            w.WriteStartArray("value");
            foreach (var row in page)
            {
                writer.Write(w, row);
            }

            w.WriteEndArray();
            if (nextLink is not null)
            {
                w.WriteString("@odata.nextLink", nextLink);
            }

            w.WriteEndObject();
        });
        return DataverseResponse.Json(200, body, Applied(prefer, paged && prefer.MaxPageSize is { } size && size <= MaxPageSize, false));
    }

    private static List<Row> Page(EntityStore store, QueryOptions options, IReadOnlyList<SortKey> sort, PagingCookie? cookie, int take)
    {
        var filter = options.Filter;
        var result = new List<Row>(Math.Min(take, 1024));
        if (sort.Count == 1)
        {
            // Primary-key order: walk the cached ordered array from the cookie position, no sort per page.
            var ordered = store.OrderedByPrimaryKey();
            var start = 0;
            if (cookie is not null && cookie.Last.Count == 1 && Guid.TryParse(cookie.Last[0].Value, out var lastId))
            {
                start = LowerBound(ordered, lastId);
                if (start < ordered.Length && ordered[start].Id == lastId)
                {
                    start++;
                }
            }

            for (var i = start; i < ordered.Length && result.Count < take; i++)
            {
                if (filter is null || filter(ordered[i]))
                {
                    result.Add(ordered[i]);
                }
            }

            return result;
        }

        var signature = string.Join(',', sort.Select(k => k.Descending ? k.Name + " desc" : k.Name));
        var sorted = store.Sorted(signature, Comparison(sort));
        var from = 0;
        if (cookie is not null)
        {
            // Keyset: first row strictly after the last row served (binary search in the cached order).
            var key = sort.Select((k, i) => i < cookie.Last.Count ? k.Parse(cookie.Last[i].Value) : null).ToArray();
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (CompareToKey(sorted[mid], sort, key) <= 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            from = lo;
        }

        for (var i = from; i < sorted.Length && result.Count < take; i++)
        {
            if (filter is null || filter(sorted[i]))
            {
                result.Add(sorted[i]);
            }
        }

        return result;
    }

    private static int LowerBound(Row[] ordered, Guid id)
    {
        int lo = 0, hi = ordered.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ordered[mid].Id.CompareTo(id) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static Comparison<Row> Comparison(IReadOnlyList<SortKey> sort) => (a, b) =>
    {
        foreach (var k in sort)
        {
            var c = ValueComparer.Compare(k.Get(a), k.Get(b));
            if (c != 0)
            {
                return k.Descending ? -c : c;
            }
        }

        return 0;
    };

    private static int CompareToKey(Row row, IReadOnlyList<SortKey> sort, object?[] key)
    {
        for (var i = 0; i < sort.Count; i++)
        {
            var c = ValueComparer.Compare(sort[i].Get(row), key[i]);
            if (c != 0)
            {
                return sort[i].Descending ? -c : c;
            }
        }

        return 0;
    }

    /// <summary>The $orderby columns plus the primary key, so paging is stable (dataverse.md §1 Ordering &amp; paging).</summary>
    private static List<SortKey> SortKeys(TableDef table, IReadOnlyList<(ColumnDef Column, bool Descending)> orderBy)
    {
        var keys = orderBy.Where(o => o.Column.Index != table.PrimaryId.Index).Select(o => SortKey.For(o.Column, o.Descending)).ToList();
        var pkDescending = orderBy.Any(o => o.Column.Index == table.PrimaryId.Index && o.Descending);
        keys.Add(SortKey.For(table.PrimaryId, pkDescending));
        return keys;
    }

    private static string? KeyText(object? value) => value switch
    {
        null => null,
        Guid g => "{" + g.ToString("D").ToUpperInvariant() + "}",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Context(RequestContext ctx, TableDef table, IReadOnlyList<string>? select, string suffix = "")
    {
        var list = select is null ? string.Empty : $"({string.Join(',', select)})";
        return $"{ctx.ApiRoot}$metadata#{table.EntitySetName}{list}{suffix}";
    }

    /// <summary>A follow-up link: the original query (as sent) with one token parameter replaced.</summary>
    private static string Link(RequestContext ctx, TableDef table, string rawQuery, string parameter, string encodedValue)
    {
        var kept = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Uri.UnescapeDataString(p.Split('=')[0]) is not ("$skiptoken" or "$deltatoken"))
            .ToList();
        kept.Add($"{parameter}={encodedValue}");
        return $"{ctx.ApiRoot}{table.EntitySetName}?{string.Join('&', kept)}";
    }

    private static KeyValuePair<string, string>[] Applied(PreferHeader prefer, bool pageSize, bool tracking)
    {
        var applied = new List<string>();
        if (pageSize)
        {
            applied.Add($"odata.maxpagesize={prefer.MaxPageSize!.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (tracking)
        {
            applied.Add("odata.track-changes");
        }

        if (prefer.IncludeAnnotations is not null)
        {
            applied.Add($"odata.include-annotations=\"{prefer.IncludeAnnotations}\"");
        }

        return applied.Count == 0 ? [] : [new("Preference-Applied", string.Join(',', applied))];
    }

    private static DataverseResponse Retrieve(EntityStore store, DataverseRequest request, RequestContext ctx, string key)
    {
        var table = store.Table;
        var row = FindByKey(store, key) ?? throw RecordNotFound(table.LogicalName, KeyId(key));
        var options = QueryOptions.Parse(table, request.RawQuery, n => ctx.Org.ByLogicalName(n)?.Table);
        var etag = RowWriter.Etag(row);
        if (request.Header("If-None-Match") == etag)
        {
            return new DataverseResponse(304, [new("OData-Version", "4.0"), new("ETag", etag)], null, null);
        }

        var prefer = PreferHeader.Parse(request.Header("Prefer"));
        ctx.RecordsRead++;
        var writer = new RowWriter(ctx.Org, table, options.Select, prefer, options.Expand);
        var body = JsonBuffer.Write(w => writer.Write(w, row, Context(ctx, table, options.ContextNames, "/$entity")));
        return DataverseResponse.Json(200, body, [new KeyValuePair<string, string>("ETag", etag), .. Applied(prefer, false, false)]);
    }

    private sealed record SortKey(string Name, bool Descending, Func<Row, object?> Get, Func<string?, object?> Parse)
    {
        public static SortKey For(ColumnDef column, bool descending)
        {
            var index = column.Index;
            Func<Row, object?> get = column.IsLookup ? r => (r.Get(index) as EntityRef)?.Id : r => r.ValueOf(column);
            return new SortKey(column.WireName, descending, get, text => ParseKey(column, text));
        }

        private static object? ParseKey(ColumnDef column, string? text)
        {
            if (text is null)
            {
                return null;
            }

            return column.Type switch
            {
                AttributeType.String or AttributeType.Memo => text,
                AttributeType.Uniqueidentifier or AttributeType.Lookup or AttributeType.Customer or AttributeType.Owner => Guid.Parse(text),
                AttributeType.DateTime => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                AttributeType.Boolean => text == "1",
                AttributeType.BigInt => long.Parse(text, CultureInfo.InvariantCulture),
                AttributeType.Decimal or AttributeType.Money => decimal.Parse(text, CultureInfo.InvariantCulture),
                _ => int.Parse(text, CultureInfo.InvariantCulture),
            };
        }
    }
}
