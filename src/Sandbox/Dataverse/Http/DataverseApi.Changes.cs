using System.Globalization;
using CrmExtensions.Sandbox.Dataverse.Query;
using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Http;

/// <summary>Change tracking exactly as dataverse.md §2 shows it.</summary>
internal static partial class DataverseApi
{
    private const string ExpiredCode = "0x80044352";
    private const string ExpiredMessage = "Version stamp associated with the client has expired. Please perform a full sync.";
    private const string TokenTimeFormat = "MM/dd/yyyy HH:mm:ss";

    private static DataverseResponse ChangeTrackingQuery(EntityStore store, DataverseRequest request, RequestContext ctx, PreferHeader prefer, QueryOptions options, bool countOnly)
    {
        var table = store.Table;
        if (!table.ChangeTrackingEnabled)
        {
            throw DataverseException.BadRequest($"Change tracking is not enabled for the table '{table.LogicalName}' (EntityMetadata.ChangeTrackingEnabled is false).");
        }

        var pageSize = prefer.MaxPageSize is { } p && p <= MaxPageSize ? p : MaxPageSize;
        var cookie = options.SkipToken is { } skip ? PagingCookie.Parse(skip) : null;
        if (options.DeltaToken is not null || cookie?.Extra.ContainsKey("from") == true)
        {
            return Delta(store, request, ctx, prefer, options, cookie, pageSize, countOnly);
        }

        // Initial (full) change-tracking read: paged like any query, deltaLink on the last page (dataverse.md §2 Paging).
        var snapshot = cookie is not null && cookie.Extra.TryGetValue("snapshot", out var s) ? s : Token(ctx);
        var ordered = store.OrderedByPrimaryKey();
        var start = 0;
        if (cookie?.Last.Count == 1 && Guid.TryParse(cookie.Last[0].Value, out var lastId))
        {
            start = LowerBound(ordered, lastId);
            if (start < ordered.Length && ordered[start].Id == lastId)
            {
                start++;
            }
        }

        if (countOnly)
        {
            return DataverseResponse.Text(200, store.Count.ToString(CultureInfo.InvariantCulture));
        }

        var page = ordered.Skip(start).Take(pageSize).ToList();
        var done = start + page.Count >= ordered.Length;
        ctx.RecordsRead += page.Count;
        string link;
        if (done)
        {
            link = Link(ctx, store.Table, request.RawQuery, "$deltatoken", PagingCookie.InnerEncode(snapshot));
        }
        else
        {
            var next = new PagingCookie((cookie?.NextPage ?? 1) + 1, [(table.PrimaryIdAttribute, KeyText(page[^1].Id))], KeyText(page[0].Id), true,
                new Dictionary<string, string> { ["snapshot"] = snapshot });
            link = Link(ctx, table, request.RawQuery, "$skiptoken", PagingCookie.OuterEncode(next.ToSkipToken()));
        }

        var writer = new RowWriter(ctx.Org, table, options.Select, prefer);
        var body = JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", Context(ctx, table, options.SelectNames));
            w.WriteString(done ? "@odata.deltaLink" : "@odata.nextLink", link);
            w.WriteStartArray("value");
            foreach (var row in page)
            {
                writer.Write(w, row);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return DataverseResponse.Json(200, body, Applied(prefer, prefer.MaxPageSize is { } m && m <= MaxPageSize, tracking: true));
    }

    private static DataverseResponse Delta(EntityStore store, DataverseRequest request, RequestContext ctx, PreferHeader prefer, QueryOptions options, PagingCookie? cookie, int pageSize, bool countOnly)
    {
        var table = store.Table;
        long from;
        long to;
        string toToken;
        if (cookie is not null && cookie.Extra.TryGetValue("from", out var fromText))
        {
            from = long.Parse(fromText, CultureInfo.InvariantCulture);
            toToken = cookie.Extra["to"];
            to = long.Parse(toToken.Split('!')[0], CultureInfo.InvariantCulture);
        }
        else
        {
            from = ValidateDeltaToken(options.DeltaToken!, ctx);
            toToken = Token(ctx);
            to = ctx.Org.CurrentVersion;
        }

        // New/updated rows first (by version), then deletions (dataverse.md §2 ordering).
        var changed = store.Rows.Where(r => r.Version > from && r.Version <= to).OrderBy(r => r.Version).ToList();
        var deleted = store.Tombstones.Where(t => t.Version > from && t.Version <= to).OrderBy(t => t.Version).ToList();
        if (countOnly)
        {
            return DataverseResponse.Text(200, (changed.Count + deleted.Count).ToString(CultureInfo.InvariantCulture));
        }

        // Keyset continuation by (phase, version): rows changed again after 'to' leave this window without shifting pages.
        var phase = cookie?.Extra.GetValueOrDefault("phase") ?? "rows";
        var afterVersion = cookie is not null && cookie.Extra.TryGetValue("after", out var afterText) ? long.Parse(afterText, CultureInfo.InvariantCulture) : from;
        var items = (phase == "rows" ? changed.Where(r => r.Version > afterVersion).Select(r => (r.Version, Row: (Row?)r, Gone: (Tombstone?)null)) : [])
            .Concat(deleted.Where(t => phase == "rows" || t.Version > afterVersion).Select(t => (t.Version, Row: (Row?)null, Gone: (Tombstone?)t)))
            .ToList();
        var page = items.Take(pageSize).ToList();
        var done = page.Count >= items.Count;
        ctx.RecordsRead += page.Count;

        string link;
        if (done)
        {
            var same = changed.Count + deleted.Count == 0 && ctx.Options.Variants.EmptyDelta == EmptyDeltaShape.EmptyValueWithSameDeltaLink && options.DeltaToken is not null;
            link = Link(ctx, table, request.RawQuery, "$deltatoken", PagingCookie.InnerEncode(same ? options.DeltaToken! : toToken));
        }
        else
        {
            var next = new PagingCookie((cookie?.NextPage ?? 1) + 1, [(table.PrimaryIdAttribute, KeyText(page[^1].Row?.Id ?? page[^1].Gone!.Id))], null, true,
                new Dictionary<string, string>
                {
                    ["from"] = from.ToString(CultureInfo.InvariantCulture), ["to"] = toToken,
                    ["phase"] = page[^1].Row is null ? "deleted" : "rows",
                    ["after"] = page[^1].Version.ToString(CultureInfo.InvariantCulture),
                });
            link = Link(ctx, table, request.RawQuery, "$skiptoken", PagingCookie.OuterEncode(next.ToSkipToken()));
        }

        var root = ctx.Options.Variants.DeltaContextWithoutApiSegment ? ctx.OrgUrl + "/data/v9.2/" : ctx.ApiRoot;
        var list = options.SelectNames is null ? string.Empty : $"({string.Join(',', options.SelectNames)})";
        var writer = new RowWriter(ctx.Org, table, options.Select, prefer);
        var body = JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{root}$metadata#{table.EntitySetName}{list}/$delta");
            w.WriteString(done ? "@odata.deltaLink" : "@odata.nextLink", link);
            w.WriteStartArray("value");
            foreach (var item in page)
            {
                if (item.Row is not null)
                {
                    writer.Write(w, item.Row);
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("@odata.context", $"{ctx.ApiRoot}$metadata#{table.EntitySetName}/$deletedEntity");
                w.WriteString("id", item.Gone!.Id);
                w.WriteString("reason", "deleted");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return DataverseResponse.Json(200, body, Applied(prefer, prefer.MaxPageSize is { } m && m <= MaxPageSize, tracking: false));
    }

    /// <summary>
    /// Token = <c>&lt;version&gt;!&lt;MM/dd/yyyy HH:mm:ss&gt;</c> like the doc's <c>919042!08/22/2017 08:10:44</c>; expired after
    /// organization.expirechangetrackingindays, unknown when malformed or from the future.
    /// </summary>
    private static long ValidateDeltaToken(string token, RequestContext ctx)
    {
        var parts = token.Split('!');
        var known = parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && version <= ctx.Org.CurrentVersion
            && DateTime.TryParseExact(parts[1], TokenTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);
        if (!known)
        {
            throw ExpiredToken(ctx);
        }

        var issued = DateTime.ParseExact(parts[1], TokenTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var retention = RetentionDays(ctx);
        if (ctx.Org.Now - issued > TimeSpan.FromDays(retention) || ctx.Faults.Roll(f => f.DeltaTokenExpiry))
        {
            throw ExpiredToken(ctx);
        }

        return long.Parse(parts[0], CultureInfo.InvariantCulture);
    }

    private static int RetentionDays(RequestContext ctx)
    {
        var orgs = ctx.Org.ByLogicalName("organization")!;
        var row = orgs.Find(ctx.Org.Identity.OrganizationId);
        return row?.Get(orgs.Table.ByLogicalName("expirechangetrackingindays")!.Index) as int? ?? ctx.Options.ChangeTrackingRetentionDays;
    }

    private static DataverseException ExpiredToken(RequestContext ctx) =>
        new((int)ctx.Options.Variants.ExpiredDeltaTokenStatus, ExpiredCode, ExpiredMessage);

    private static string Token(RequestContext ctx) =>
        $"{ctx.Org.CurrentVersion.ToString(CultureInfo.InvariantCulture)}!{ctx.Org.Now.ToString(TokenTimeFormat, CultureInfo.InvariantCulture)}";
}
