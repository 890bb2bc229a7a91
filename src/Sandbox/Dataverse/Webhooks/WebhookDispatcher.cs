using System.Net;
using System.Threading.Channels;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Hosting;

namespace CrmExtensions.Sandbox.Dataverse.Webhooks;

/// <summary>
/// Turns committed changes into webhook POSTs for registered steps (dataverse.md §6): asynchronous delivery in order,
/// 60 s timeout, non-2xx = failure, one retry only on 502/503/504, failures logged as asyncoperation rows (statuscode
/// 31). Every committed change counts, including our own API writes (they arrive with UserId = the application user).
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private static readonly HashSet<string> Registration =
        ["serviceendpoint", "sdkmessageprocessingstep", "sdkmessageprocessingstepimage", "asyncoperation", "sdkmessage", "sdkmessagefilter"];

    private readonly OrgStore _org;
    private readonly SandboxStats _stats;
    private readonly SandboxOptions _options;
    private readonly HttpClient _http;
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _worker;

    public WebhookDispatcher(OrgStore org, SandboxStats stats, SandboxOptions options)
    {
        _org = org;
        _stats = stats;
        _options = options;
        _http = new HttpClient { Timeout = options.WebhookTimeout };
        org.Changed += OnChange;
        org.BeforeCommit = RunSynchronousSteps;
        _worker = Task.Run(DeliverAllAsync);
    }

    /// <summary>Called under the org's gate when a change commits: queue the POSTs of matching asynchronous steps.</summary>
    private void OnChange(StoreChange change)
    {
        foreach (var (mode, delivery) in Match(change))
        {
            if (mode != 0)
            {
                _queue.Writer.TryWrite(delivery);
            }
        }
    }

    /// <summary>
    /// Before a transaction commits: POST to synchronous steps (mode 0) and wait; a failure refuses the operation,
    /// which is then rolled back (dataverse.md §6). Runs under the org's gate, as the platform blocks the caller.
    /// </summary>
    private string? RunSynchronousSteps(IReadOnlyList<StoreChange> changes)
    {
        foreach (var change in changes)
        {
            foreach (var (mode, delivery) in Match(change))
            {
                if (mode != 0)
                {
                    continue;
                }

                var (ok, error) = PostAsync(delivery).GetAwaiter().GetResult();
                if (!ok && error is { Retry: true })
                {
                    (ok, error) = PostAsync(delivery).GetAwaiter().GetResult();
                }

                if (!ok)
                {
                    return error?.Message ?? "The webhook call failed.";
                }
            }
        }

        return null;
    }

    private IEnumerable<(int Mode, WebhookDelivery Delivery)> Match(StoreChange change)
    {
        if (Registration.Contains(change.Table.LogicalName))
        {
            yield break;
        }

        var steps = _org.ByLogicalName("sdkmessageprocessingstep")!;
        var t = steps.Table;
        var messageId = change.MessageName switch
        {
            "Create" => DataverseSchema.CreateMessageId,
            "Update" => DataverseSchema.UpdateMessageId,
            _ => DataverseSchema.DeleteMessageId,
        };
        foreach (var step in steps.Rows)
        {
            if (step.Get(t.ByLogicalName("statecode")!.Index) is not 0
                || (step.Get(t.ByLogicalName("sdkmessageid")!.Index) as EntityRef)?.Id != messageId
                || step.Get(t.ByLogicalName("eventhandler")!.Index) is not EntityRef { LogicalName: "serviceendpoint" } handler
                || !FilterMatches(step.Get(t.ByLogicalName("sdkmessagefilterid")!.Index) as EntityRef, change.Table.LogicalName)
                || !AttributesMatch(change, step.Get(t.ByLogicalName("filteringattributes")!.Index) as string)
                || Endpoint(handler.Id) is not { } endpoint)
            {
                continue;
            }

            var stage = step.Get(t.ByLogicalName("stage")!.Index) as int? ?? 40;
            var mode = step.Get(t.ByLogicalName("mode")!.Index) as int? ?? 1;
            var (pre, post) = Images(step.Id, change);
            var operationId = Guid.NewGuid();
            var body = ExecutionContextWriter.Write(_org, change, step.Id, stage, mode, operationId, pre, post, withoutLargeParts: false);
            var headers = new List<KeyValuePair<string, string>>
            {
                new("x-ms-dynamics-organization", $"{_org.Identity.Key}.sandbox.local"),
                new("x-ms-dynamics-entity-name", change.Table.LogicalName),
                new("x-ms-dynamics-request-name", change.MessageName),
                new("x-ms-correlation-request-id", change.CorrelationId.ToString("D")),
            };
            if (body.Length > _options.WebhookMaxPayloadBytes)
            {
                // Over 256 KB: ParentContext, InputParameters and both image lists are removed (dataverse.md §6).
                body = ExecutionContextWriter.Write(_org, change, step.Id, stage, mode, operationId, [], [], withoutLargeParts: true);
                headers.Add(new("x-ms-dynamics-msg-size-exceeded", "true"));
            }

            headers.AddRange(endpoint.Headers);
            yield return (mode, new WebhookDelivery(endpoint.Url, headers, body, step.Id, change.Table.LogicalName, change.CorrelationId));
        }
    }

    private bool FilterMatches(EntityRef? filter, string table)
    {
        if (filter is null)
        {
            return false;
        }

        var filters = _org.ByLogicalName("sdkmessagefilter")!;
        return filters.Find(filter.Id)?.Get(filters.Table.ByLogicalName("primaryobjecttypecode")!.Index) as string == table;
    }

    private static bool AttributesMatch(StoreChange change, string? filtering)
    {
        if (change.MessageName != "Update" || string.IsNullOrWhiteSpace(filtering))
        {
            return true;
        }

        var wanted = filtering.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return change.ChangedColumns.Any(c => wanted.Contains(c.LogicalName));
    }

    private (Uri Url, List<KeyValuePair<string, string>> Headers)? Endpoint(Guid id)
    {
        var endpoints = _org.ByLogicalName("serviceendpoint")!;
        var t = endpoints.Table;
        if (endpoints.Find(id) is not { } row || row.Get(t.ByLogicalName("contract")!.Index) is not 8
            || !Uri.TryCreate(row.Get(t.ByLogicalName("url")!.Index) as string, UriKind.Absolute, out var url))
        {
            return null;
        }

        var authValue = row.Get(t.ByLogicalName("authvalue")!.Index) as string ?? string.Empty;
        var headers = new List<KeyValuePair<string, string>>();
        switch (row.Get(t.ByLogicalName("authtype")!.Index))
        {
            case 4:
                url = WithQuery(url, [new("code", authValue)]);
                break;
            case 5:
                headers.AddRange(AuthSettings.Parse(authValue));
                break;
            case 6:
                url = WithQuery(url, AuthSettings.Parse(authValue));
                break;
            default:
                break;
        }

        return (url, headers);
    }

    private static Uri WithQuery(Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var builder = new UriBuilder(url);
        builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + query : query;
        return builder.Uri;
    }

    /// <summary>Pre/post images hold only the registered columns (all columns when none are listed).</summary>
    private (List<ExecutionContextWriter.Image> Pre, List<ExecutionContextWriter.Image> Post) Images(Guid stepId, StoreChange change)
    {
        var images = _org.ByLogicalName("sdkmessageprocessingstepimage")!;
        var t = images.Table;
        var pre = new List<ExecutionContextWriter.Image>();
        var post = new List<ExecutionContextWriter.Image>();
        foreach (var image in images.Rows.Where(r => (r.Get(t.ByLogicalName("sdkmessageprocessingstepid")!.Index) as EntityRef)?.Id == stepId))
        {
            var alias = image.Get(t.ByLogicalName("entityalias")!.Index) as string ?? "Image";
            var type = image.Get(t.ByLogicalName("imagetype")!.Index) as int? ?? 1;
            var listed = (image.Get(t.ByLogicalName("attributes")!.Index) as string ?? string.Empty)
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var columns = listed.Length == 0
                ? change.Table.Columns.ToList()
                : listed.Select(change.Table.ByLogicalName).OfType<ColumnDef>().ToList();
            if (type is 0 or 2 && change.Before is not null)
            {
                pre.Add(new(alias, change.Table, change.Id, change.Before, columns) { Version = change.BeforeVersion });
            }

            if (type is 1 or 2 && change.After is not null)
            {
                post.Add(new(alias, change.Table, change.Id, change.After, columns) { Version = change.AfterVersion });
            }
        }

        return (pre, post);
    }

    private async Task DeliverAllAsync()
    {
        await foreach (var delivery in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var (ok, error) = await PostAsync(delivery).ConfigureAwait(false);
            if (!ok && error is { Retry: true })
            {
                // One retry, only for 502/503/504 (dataverse.md §6).
                (ok, error) = await PostAsync(delivery).ConfigureAwait(false);
            }

            if (!ok)
            {
                LogFailure(delivery, error?.Message ?? "failed");
            }
        }
    }

    private async Task<(bool Ok, (bool Retry, string Message)? Error)> PostAsync(WebhookDelivery delivery)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(delivery.Body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in delivery.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            _stats.EventSent(_org.Identity.Key);
            if (response.IsSuccessStatusCode)
            {
                return (true, null);
            }

            var status = response.StatusCode;
            return (false, (status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
                $"The webhook call failed with HTTP {(int)status}."));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _stats.EventSent(_org.Identity.Key);
            return (false, (false, "The webhook call failed: " + e.Message));
        }
    }

    private void LogFailure(WebhookDelivery delivery, string message)
    {
        lock (_org.Gate)
        {
            var jobs = _org.ByLogicalName("asyncoperation")!;
            var t = jobs.Table;
            var tx = new Transaction(_org, delivery.CorrelationId);
            _org.Create(jobs, Guid.NewGuid(), new Dictionary<ColumnDef, object?>
            {
                [t.ByLogicalName("name")!] = $"Webhook delivery for {delivery.EntityName}",
                [t.ByLogicalName("message")!] = message,
                [t.ByLogicalName("friendlymessage")!] = message,
                [t.ByLogicalName("owningextensionid")!] = new EntityRef("sdkmessageprocessingstep", delivery.StepId),
                [t.ByLogicalName("operationtype")!] = 1,
                [t.ByLogicalName("primaryentitytype")!] = delivery.EntityName,
                [t.ByLogicalName("correlationid")!] = delivery.CorrelationId,
                [t.ByLogicalName("statecode")!] = 3,
                [t.ByLogicalName("statuscode")!] = 31,
            }, _org.Identity.ApplicationUserId, tx);
            tx.Commit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _org.Changed -= OnChange;
        _org.BeforeCommit = null;
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        _http.Dispose();
    }
}
