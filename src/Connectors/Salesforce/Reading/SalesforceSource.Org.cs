using System.Globalization;
using System.Text.Json;
using CrmExtensions.Connectors.Salesforce.Metadata;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Salesforce.Reading;

internal sealed partial class SalesforceSource
{
    /// <summary>getDeleted serves no more than 15 days back (salesforce.md §2d).</summary>
    private static readonly TimeSpan DeleteLogDays = TimeSpan.FromDays(15);

    private OrgId? _org;

    private async Task<OrgId> OrgAsync(CancellationToken cancellationToken)
    {
        if (_org is { } known)
        {
            return known;
        }

        // salesforce.md §1a: the token response's id URL is https://…/id/<orgId>/<userId>.
        var session = await http.Tokens.GetAsync(false, cancellationToken).ConfigureAwait(false);
        var org = OrgId.Parse(session.OrgId ?? throw new SalesforceException(FailureKind.System, 0, string.Empty,
            "The token response carried no identity URL with the organisation id."));
        _org = org;
        return org;
    }

    /// <summary><c>GET limits</c> (salesforce.md §5): DailyApiRequests Max and Remaining, as numbers or (older versions) strings.</summary>
    private async Task ReadLimitsAsync(CancellationToken cancellationToken)
    {
        using var doc = await http.GetJsonAsync("limits", cancellationToken).ConfigureAwait(false);
        if (doc.RootElement.TryGetProperty("DailyApiRequests", out var daily)
            && Number(daily, "Max") is { } max && Number(daily, "Remaining") is { } remaining)
        {
            http.Usage.Budget.ReadLimits(max, remaining);
        }
    }

    /// <summary>
    /// The delete log since <paramref name="start"/> (salesforce.md §2d getDeleted), or null when deletes may have been
    /// lost — the window is older than the log keeps or <c>earliestDateAvailable</c> is after it — so a full read is due.
    /// </summary>
    private async Task<IReadOnlyList<(string Id, DateTimeOffset DeletedOn)>?> DeletedSinceAsync(ObjectInfo info, DateTimeOffset start, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (start <= now - DeleteLogDays + TimeSpan.FromMinutes(5))
        {
            return null;
        }

        // Seconds are ignored and start must precede end: whole minutes, the end one minute ahead.
        var end = ReadCursor.Minute(now).AddMinutes(1);
        var path = $"sobjects/{Soql.Identifier(info.Name, "object")}/deleted/?start={Uri.EscapeDataString(Text(start))}&end={Uri.EscapeDataString(Text(end))}";
        try
        {
            using var doc = await http.GetJsonAsync(path, cancellationToken).ConfigureAwait(false);
            var root = doc.RootElement;
            if (root.TryGetProperty("earliestDateAvailable", out var earliest) && earliest.ValueKind == JsonValueKind.String
                && ReadCursor.ParseInstant(earliest.GetString()!) > start)
            {
                return null;
            }

            return
            [
                .. root.GetProperty("deletedRecords").EnumerateArray().Select(d =>
                    (d.GetProperty("id").GetString()!, ReadCursor.ParseInstant(d.GetProperty("deletedDate").GetString()!))),
            ];
        }
        catch (SalesforceException error) when (error.Code is "INVALID_REPLICATION_DATE" or "EXCEEDED_ID_LIMIT")
        {
            return null;
        }
    }

    private static string Text(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static long? Number(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetInt64()
        : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;
}
