using System.Globalization;
using System.Security;
using System.Text;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Hosting;
using CrmExtensions.Sandbox.Salesforce.Schema;

namespace CrmExtensions.Sandbox.Salesforce.Outbound;

/// <summary>
/// Sends outbound messages (salesforce.md §7a): each committed create/update of a configured object queues the
/// record; messages carry up to 100 notifications with the record's latest values of the configured fields; a
/// message is retried with exponential back-off (capped) until the endpoint answers 200 with &lt;Ack&gt;true&lt;/Ack&gt;,
/// and dropped after the give-up time. At-least-once, so receivers dedupe on Notification/Id. Our own API writes are
/// committed changes like any other and so trigger messages too.
/// </summary>
internal sealed class OutboundDispatcher : IAsyncDisposable
{
    private const int MaxNotificationsPerMessage = 100;

    private readonly SalesforceOrg _org;
    private readonly SalesforceSettings _settings;
    private readonly SandboxStats _stats;
    private readonly TimeProvider _time;
    private readonly Func<string> _instanceUrl;
    private readonly List<(OutboundMessageDefinition Definition, SfObject Object)> _definitions;
    private readonly Dictionary<(int, Guid), PendingNotification> _pending = [];
    private readonly Lock _gate = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    public OutboundDispatcher(SalesforceOrg org, SalesforceSettings settings, SandboxStats stats, TimeProvider time, Func<string> instanceUrl)
    {
        _org = org;
        _settings = settings;
        _stats = stats;
        _time = time;
        _instanceUrl = instanceUrl;
        _definitions = settings.OutboundMessages
            .Select(d => (d, org.Schema.Object(d.SObject) ?? throw new ArgumentException($"Outbound message object '{d.SObject}' is not served.", nameof(settings))))
            .ToList();
        if (_definitions.Count == 0)
        {
            _worker = Task.CompletedTask;
            return;
        }

        org.Store.Changed += OnChange;
        _worker = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private void OnChange(StoreChange change)
    {
        if (change.MessageName == "Delete")
        {
            return;
        }

        for (var i = 0; i < _definitions.Count; i++)
        {
            if (_definitions[i].Object.Table != change.Table.LogicalName)
            {
                continue;
            }

            lock (_gate)
            {
                // Latest data only: a record already waiting is sent once, with its values at send time.
                if (!_pending.ContainsKey((i, change.Id)))
                {
                    _pending[(i, change.Id)] = new PendingNotification(SalesforceId.From("04l", Guid.NewGuid()), i, change.Id, _time.GetUtcNow());
                }
            }
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, _stop.Token).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            List<List<PendingNotification>> messages;
            lock (_gate)
            {
                foreach (var expired in _pending.Values.Where(p => now - p.FirstQueued >= _settings.OutboundGiveUpAfter).ToList())
                {
                    _pending.Remove((expired.Definition, expired.RecordId));
                }

                messages = _pending.Values.Where(p => p.Due <= now).GroupBy(p => p.Definition)
                    .SelectMany(g => g.Chunk(MaxNotificationsPerMessage).Select(c => c.ToList())).ToList();
                foreach (var p in messages.SelectMany(m => m))
                {
                    // Not due again until this try's outcome is known (it reschedules or removes it).
                    p.Due = DateTimeOffset.MaxValue;
                }
            }

            foreach (var message in messages)
            {
                await SendAsync(message).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(List<PendingNotification> message)
    {
        var (definition, obj) = _definitions[message[0].Definition];
        var acknowledged = false;
        try
        {
            using var content = new StringContent(Envelope(message, definition, obj), Encoding.UTF8, "text/xml");
            content.Headers.Add("SOAPAction", "\"\"");
            using var response = await _http.PostAsync(definition.EndpointUrl, content, _stop.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(_stop.Token).ConfigureAwait(false);
            acknowledged = (int)response.StatusCode == 200 && body.Contains("<Ack>true</Ack>", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            // Unreachable endpoint: retried like a missing Ack.
        }
        catch (TaskCanceledException) when (!_stop.IsCancellationRequested)
        {
            // Timed out: retried like a missing Ack.
        }

        _stats.EventSent(_org.Store.Identity.Key);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var p in message)
            {
                if (acknowledged)
                {
                    _pending.Remove((p.Definition, p.RecordId));
                    continue;
                }

                p.Attempts++;
                var delay = TimeSpan.FromTicks(Math.Min(_settings.OutboundMaxRetryInterval.Ticks, _settings.OutboundFirstRetry.Ticks * (1L << Math.Min(p.Attempts - 1, 30))));
                p.Due = now + delay;
            }
        }
    }

    private string Envelope(List<PendingNotification> message, OutboundMessageDefinition definition, SfObject obj)
    {
        var instance = _instanceUrl();
        var org15 = _org.OrgId[..15];
        var sb = new StringBuilder()
            .Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n")
            .Append(" <soapenv:Body>\n  <notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">\n")
            .Append("   <OrganizationId>").Append(_org.OrgId).Append("</OrganizationId>\n")
            .Append("   <ActionId>").Append(SalesforceId.From("04k", Dataverse.Metadata.TableBuilder.StableGuid($"outbound.{message[0].Definition}.{definition.SObject}"))).Append("</ActionId>\n")
            .Append("   <SessionId xsi:nil=\"true\"/>\n")
            .Append("   <EnterpriseUrl>").Append(instance).Append("/services/Soap/c/").Append(_settings.ApiVersions[^1]).Append('/').Append(org15).Append("</EnterpriseUrl>\n")
            .Append("   <PartnerUrl>").Append(instance).Append("/services/Soap/u/").Append(_settings.ApiVersions[^1]).Append('/').Append(org15).Append("</PartnerUrl>\n");
        lock (_org.Store.Gate)
        {
            var store = _org.Store.ByLogicalName(obj.Table)!;
            var read = new SfReadContext(_org, store.Table);
            foreach (var p in message)
            {
                if (store.Find(p.RecordId) is not { } row)
                {
                    continue;
                }

                read.Row = row;
                sb.Append("   <Notification>\n    <Id>").Append(p.NotificationId).Append("</Id>\n")
                    .Append("    <sObject xsi:type=\"sf:").Append(obj.Name).Append("\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">\n");
                foreach (var field in definition.Fields.Prepend("Id").Distinct(StringComparer.OrdinalIgnoreCase).Select(f => obj.Field(f)).OfType<SfField>())
                {
                    if (field.Read(read) is { } value)
                    {
                        sb.Append("     <sf:").Append(field.Name).Append('>').Append(SecurityElement.Escape(Text(value))).Append("</sf:").Append(field.Name).Append(">\n");
                    }
                }

                sb.Append("    </sObject>\n   </Notification>\n");
            }
        }

        return sb.Append("  </notifications>\n </soapenv:Body>\n</soapenv:Envelope>\n").ToString();
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
