using System.Globalization;
using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Salesforce.Schema;

namespace CrmExtensions.Sandbox.Salesforce.Http;

internal static partial class SalesforceApi
{
    /// <summary>At most this many ids per getUpdated/getDeleted call (salesforce.md §2d).</summary>
    private const int MaxReplicationIds = 600_000;

    /// <summary>
    /// <c>GET sobjects/{type}/updated/?start&amp;end</c> (salesforce.md §2d): ids whose SystemModstamp lies in the
    /// window; seconds are ignored; start no more than 30 days back.
    /// </summary>
    private static DataverseResponse Updated(SfRequest request, SalesforceContext ctx, string type) =>
        Replicate(request, ctx, type, days: 30, deleted: false);

    /// <summary><c>GET sobjects/{type}/deleted/?start&amp;end</c> (salesforce.md §2d): deletions of the last 15 days.</summary>
    private static DataverseResponse Deleted(SfRequest request, SalesforceContext ctx, string type) =>
        Replicate(request, ctx, type, days: 15, deleted: true);

    private static DataverseResponse Replicate(SfRequest request, SalesforceContext ctx, string type, int days, bool deleted)
    {
        if (ctx.Org.Schema.Object(type) is not { } obj)
        {
            return SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist");
        }

        if (!TryMinute(request.Query["start"].ToString(), out var start) || !TryMinute(request.Query["end"].ToString(), out var end))
        {
            return SfResponse.Error(400, "INVALID_REPLICATION_DATE", "start and end must be valid dateTime values, e.g. 2013-05-06T00:00:00+00:00");
        }

        var now = ctx.Org.Store.Now;
        var earliest = Minute(now.AddDays(-days));
        if (start >= end)
        {
            return SfResponse.Error(400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate");
        }

        if (start < earliest)
        {
            // Error code for a start too far back is UNVERIFIED in the notes (§2d).
            return SfResponse.Error(400, "INVALID_REPLICATION_DATE", $"startDate cannot be more than {days} days ago");
        }

        // Covered up to the end asked for, or up to now (inclusive) when the window reaches into the future.
        var capped = end > now;
        var latest = capped ? now : end;
        bool InWindow(DateTime stamp) => stamp >= start && (stamp < latest || (capped && stamp == latest));
        var found = new List<(string Id, DateTime When)>();
        lock (ctx.Org.Store.Gate)
        {
            var store = ctx.Org.Store.ByLogicalName(obj.Table)!;
            var merged = ctx.Org.Merged(obj.Table);
            var modified = store.Table.ByLogicalName("modifiedon");
            foreach (var row in store.Rows)
            {
                if ((obj.Include is { } include && !include(row, store.Table)) || merged.ContainsKey(row.Id) != deleted || modified is null)
                {
                    continue;
                }

                if (row.Get(modified.Index) is DateTime stamp && InWindow(stamp))
                {
                    found.Add((ctx.Org.IdOf(obj.Table, row.Id), stamp));
                }
            }

            if (deleted)
            {
                foreach (var tombstone in store.Tombstones)
                {
                    if (InWindow(tombstone.DeletedOn))
                    {
                        found.Add((ctx.Org.IdOf(obj.Table, tombstone.Id), tombstone.DeletedOn));
                    }
                }
            }
        }

        if (found.Count > MaxReplicationIds)
        {
            return SfResponse.Error(400, "EXCEEDED_ID_LIMIT", "too many ids; narrow the date range");
        }

        found.Sort((a, b) => a.When != b.When ? a.When.CompareTo(b.When) : string.CompareOrdinal(a.Id, b.Id));
        ctx.RecordsRead += found.Count;
        return SfResponse.Json(200, JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            if (deleted)
            {
                w.WriteStartArray("deletedRecords");
                foreach (var (id, when) in found)
                {
                    w.WriteStartObject();
                    w.WriteString("id", id);
                    w.WriteString("deletedDate", SfJson.DateTimeText(when));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("earliestDateAvailable", SfJson.DateTimeText(earliest));
            }
            else
            {
                w.WriteStartArray("ids");
                foreach (var (id, _) in found)
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
            }

            w.WriteString("latestDateCovered", SfJson.DateTimeText(latest));
            w.WriteEndObject();
        }));
    }

    /// <summary>Parses an ISO-8601 dateTime and drops its seconds (salesforce.md §2d: 12:30:15 → 12:30:00 UTC).</summary>
    private static bool TryMinute(string text, out DateTime value)
    {
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed);
        value = ok ? Minute(parsed.UtcDateTime) : default;
        return ok;
    }

    private static DateTime Minute(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
}
