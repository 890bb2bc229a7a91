using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Connections;
using CrmExtensions.Host.Events;
using CrmExtensions.Jobs.Alerts;
using CrmExtensions.Plugins.Dataverse;
using CrmExtensions.Plugins.Events;
using CrmExtensions.Plugins.Salesforce;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Endpoints;

/// <summary>
/// Accepts Dataverse webhooks and Salesforce outbound messages: size check, parse, route by the sender's org (unknown →
/// 403 and an alert), check the shared key, drop our own changes (loop guard), store the events durably, and only then
/// acknowledge. Logs carry org, entity, counts and reasons — never field values, bodies or keys.
/// </summary>
public sealed partial class WebhookIntake(
    ConnectionCatalog connections, IRecordEventInbox inbox, EventSignal signal, IOptions<ServeOptions> options, TimeProvider time, IAlertSink alerts, ILogger<WebhookIntake> logger)
    : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(org => RateLimitPartition.GetTokenBucketLimiter(org, _ => new TokenBucketRateLimiterOptions
    {
        TokenLimit = options.Value.Events.PerOrgRequestsPerSecond,
        TokensPerPeriod = options.Value.Events.PerOrgRequestsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        // A burst waits its turn instead of failing: Dataverse retries only 502/503/504, once (dataverse.md §6).
        QueueLimit = options.Value.Events.PerOrgRequestsPerSecond * 30,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    }));

    /// <summary>POST /api/webhooks/dataverse.</summary>
    public async Task<IntakeResponse> DataverseAsync(IntakeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body.Length > options.Value.Events.MaxBodyBytes)
        {
            return Reject(413, "dataverse", null, $"body larger than {options.Value.Events.MaxBodyBytes} bytes");
        }

        CrmEvent crmEvent;
        try
        {
            crmEvent = RemoteExecutionContextParser.Parse(request.Body, request.Header("x-ms-dynamics-entity-name"));
        }
        catch (EventPayloadException bad)
        {
            return Reject(400, "dataverse", null, bad.Message);
        }

        return await AcceptAsync("dataverse", crmEvent.SenderOrg, [crmEvent], request, ok: (added, ignored) =>
            IntakeResponse.Json(200, JsonSerializer.Serialize(new { accepted = added, duplicate = added == 0 && ignored == 0, ignored })), cancellationToken);
    }

    /// <summary>POST /api/webhooks/salesforce: answers the documented Ack only after the notifications are stored.</summary>
    public async Task<IntakeResponse> SalesforceAsync(IntakeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body.Length > options.Value.Events.MaxBodyBytes)
        {
            return Reject(413, "salesforce", null, $"body larger than {options.Value.Events.MaxBodyBytes} bytes");
        }

        OutboundMessage message;
        try
        {
            using var stream = new MemoryStream(request.Body, writable: false);
            message = OutboundMessageParser.Parse(stream);
        }
        catch (EventPayloadException bad)
        {
            return Reject(400, "salesforce", null, bad.Message);
        }

        return await AcceptAsync("salesforce", message.OrganizationId, message.Notifications, request,
            ok: (_, _) => new IntakeResponse(200, "text/xml; charset=utf-8", OutboundMessageParser.Ack), cancellationToken);
    }

    private async Task<IntakeResponse> AcceptAsync(
        string sender, string senderOrg, IReadOnlyList<CrmEvent> events, IntakeRequest request, Func<int, int, IntakeResponse> ok, CancellationToken cancellationToken)
    {
        var connection = connections.FindBySender(senderOrg);
        if (connection is null)
        {
            // Alerted (deduplicated per sender org), never accepted: a UAT copy or a stranger is not a configured org.
            await alerts.RaiseAsync(new Alert(AlertKinds.UnknownOrg, Printable(senderOrg), sender,
                $"{events.Count} {sender} events from an org no connection is configured for were rejected with 403"), cancellationToken);
            return IntakeResponse.Json(403, """{"error":"unknown organisation"}""");
        }

        if (!KeyMatches(connection, request))
        {
            return Reject(401, sender, connection, "the webhook key is missing or wrong");
        }

        foreach (var crmEvent in events)
        {
            try
            {
                Names.ValidateEntity(crmEvent.Entity);
                RecordId.Validate(crmEvent.Entity, crmEvent.RecordId);
            }
            catch (RecordValidationException bad)
            {
                return Reject(400, sender, connection, bad.Message);
            }

            if (connection.Tables.Count > 0 && !connection.Tables.Contains(crmEvent.Entity, StringComparer.OrdinalIgnoreCase))
            {
                return Reject(400, sender, connection, $"entity '{crmEvent.Entity}' is not synced by connection '{connection.Name}'");
            }
        }

        using var lease = await _limiter.AcquireAsync(connection.Org.Value, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            return Reject(503, sender, connection, "too many requests from this org; retry later");
        }

        var own = connection.Settings.OwnUserIds.ToList();
        var wanted = events.Where(e => !LoopGuard.IsOwnChange(e, own)).ToList();
        var ignored = events.Count - wanted.Count;
        var now = time.GetUtcNow();
        var added = wanted.Count == 0 ? 0
            : await inbox.EnqueueAsync(connection.Org, [.. wanted.Select(e => new RecordEvent(e.EventKey, e.Entity, e.RecordId, now) { Row = e.Row })], cancellationToken);
        LogAccepted(sender, connection.Name, connection.Org.Value, events.Count, added, wanted.Count - added, ignored);
        if (added > 0)
        {
            signal.Notify();
        }

        return ok(added, ignored);
    }

    private static bool KeyMatches(ServedConnection connection, IntakeRequest request)
    {
        var expected = connection.Settings.WebhookKey;
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        // WebhookKey auth sends ?code=; HttpHeader auth sends the configured header; HttpQueryString a named parameter (dataverse.md §6).
        var presented = request.Query("code") ?? request.Header(connection.Settings.WebhookHeader) ?? request.Query(connection.Settings.WebhookHeader);
        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
    }

    private IntakeResponse Reject(int status, string sender, ServedConnection? connection, string reason)
    {
        LogRejected(sender, connection?.Name ?? "-", connection?.Org.Value ?? "-", status, reason);
        return IntakeResponse.Json(status, JsonSerializer.Serialize(new { error = reason }));
    }

    // An unknown sender's org id is echoed only if it looks like an id, so a crafted body cannot inject log content.
    private static string Printable(string org) => org.Length <= 40 && org.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? org : "(not an id)";

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sender} event rejected for connection {Connection} (org {Org}): {Status}, {Reason}")]
    private partial void LogRejected(string sender, string connection, string org, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Sender} events for {Connection} (org {Org}): {Events} received, {Added} stored, {Duplicates} duplicates, {Ignored} own changes ignored")]
    private partial void LogAccepted(string sender, string connection, string org, int events, int added, int duplicates, int ignored);
}
