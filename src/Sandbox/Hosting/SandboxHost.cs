using System.Diagnostics;
using System.Text.Json;
using CrmExtensions.Sandbox.Dataverse;
using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Dataverse.Webhooks;
using CrmExtensions.Sandbox.Faults;
using Microsoft.AspNetCore.Http;

namespace CrmExtensions.Sandbox.Hosting;

/// <summary>Routes HTTP requests: token endpoint, Dataverse Web API per org, and the /_sandbox admin endpoints.</summary>
internal sealed partial class SandboxHost : IAsyncDisposable
{
    private static readonly JsonSerializerOptions AdminJson = new(JsonSerializerDefaults.Web);
    private readonly SandboxOptions _options;
    private readonly Dictionary<string, OrgStore> _orgs;
    private readonly TokenService _tokens;
    private readonly ClientAssertionValidator _assertions;
    private readonly ServiceProtection _protection;
    private readonly SandboxStats _stats = new();
    private readonly FaultInjector _faults;
    private readonly Guid _tenant;
    private readonly List<WebhookDispatcher> _dispatchers;
    private readonly Generation.OutcomeModel? _outcomes;
    private int _simulations;
    private readonly Dictionary<string, Salesforce.SalesforceOrg> _salesforce;
    private readonly Dictionary<string, Salesforce.SalesforceUsage> _sfUsage;
    private readonly Salesforce.SalesforceSessions _sfSessions;
    private readonly List<Salesforce.Outbound.OutboundDispatcher> _outbound;

    public SandboxHost(SandboxOptions options, IReadOnlyList<OrgStore> orgs, Generation.OutcomeModel? outcomes)
    {
        _options = options;
        _outcomes = outcomes;
        _orgs = orgs.ToDictionary(o => o.Identity.Key, StringComparer.Ordinal);
        _tokens = new TokenService(options.TimeProvider, options.TokenLifetime);
        _assertions = new ClientAssertionValidator(options.TimeProvider);
        _protection = new ServiceProtection(options.Limits, options.TimeProvider);
        _faults = new FaultInjector(options.Faults);
        _tenant = TableBuilder.StableGuid($"tenant.{options.Seed}");
        ClientId = TableBuilder.StableGuid($"client.{options.Seed}").ToString("D");
        ClientSecret = $"sandbox-secret-{options.Seed}";
        _dispatchers = orgs.Select(o => new WebhookDispatcher(o, _stats, options)).ToList();
        var sfSchema = new Salesforce.Schema.SalesforceSchema(options.Salesforce.CustomFields);
        _salesforce = orgs.ToDictionary(o => o.Identity.Key, o => new Salesforce.SalesforceOrg(o, sfSchema, options.Salesforce.CanceledDuplicatesAsMerged), StringComparer.Ordinal);
        _sfUsage = orgs.ToDictionary(o => o.Identity.Key, _ => new Salesforce.SalesforceUsage(options.TimeProvider), StringComparer.Ordinal);
        _sfSessions = new Salesforce.SalesforceSessions(options.TimeProvider, options.Salesforce.SessionTimeout);
        _outbound = _salesforce.Values.Select(o => new Salesforce.Outbound.OutboundDispatcher(o, options.Salesforce, _stats, options.TimeProvider, () => OrgUrl(o.Store))).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dispatcher in _dispatchers)
        {
            await dispatcher.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var outbound in _outbound)
        {
            await outbound.DisposeAsync().ConfigureAwait(false);
        }

        SaveState();
    }

    /// <summary>Writes every org to <see cref="SandboxOptions.StateFile"/> when one is set.</summary>
    public void SaveState()
    {
        if (_options.StateFile is { } path)
        {
            State.StateFile.Save(path, _orgs.Values.OrderBy(o => o.Identity.Key, StringComparer.Ordinal).ToList());
        }
    }

    public string ClientId { get; }

    /// <summary>Registers a client certificate on the sandbox's app registration (certificate credentials).</summary>
    public void RegisterClientCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => _assertions.Register(certificate);

    public string ClientSecret { get; }

    public string BaseUrl { get; set; } = string.Empty;

    public async Task HandleAsync(HttpContext http)
    {
        try
        {
            await RouteAsync(http).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Server boundary: a sandbox bug must reach the client as a JSON 500, like the service's own.
        catch (Exception e) when (e is not OperationCanceledException && !http.Response.HasStarted)
#pragma warning restore CA1031
        {
            http.Response.Clear();
            var salesforce = http.Request.Path.Value?.Contains("/services/", StringComparison.Ordinal) == true;
            await WriteAsync(http, salesforce
                ? Salesforce.Http.SfResponse.Error(500, "UNKNOWN_EXCEPTION", "Sandbox internal error: " + e.Message)
                : DataverseResponse.Error(500, "0x80040216", "Sandbox internal error: " + e.Message)).ConfigureAwait(false);
        }
    }

    private async Task RouteAsync(HttpContext http)
    {
        var segments = (http.Request.Path.Value ?? "/").Trim('/').Split('/');
        if (segments[0] == "_sandbox")
        {
            await AdminAsync(http, segments.Length > 1 ? segments[1] : string.Empty).ConfigureAwait(false);
        }
        else if (segments is [var tenant, "oauth2", "v2.0", "token"] && HttpMethods.IsPost(http.Request.Method))
        {
            // Token requests are not an org's API calls; counted apart so benchmarks can cap them.
            _stats.Call("_tokens", "POST token");
            await TokenAsync(http, tenant).ConfigureAwait(false);
        }
        else if (segments is ["services", "oauth2", "token"] && HttpMethods.IsPost(http.Request.Method))
        {
            // The root plays login.salesforce.com: JWT bearer works there (for org1), client credentials do not.
            _stats.Call("_tokens", "SF POST token");
            await SalesforceTokenAsync(http, _salesforce[_orgs.Keys.Order(StringComparer.Ordinal).First()], loginHost: true).ConfigureAwait(false);
        }
        else if (segments.Length >= 2 && segments[1] == "services" && _orgs.ContainsKey(segments[0]))
        {
            await SalesforceAsync(http, segments[0], segments[2..]).ConfigureAwait(false);
        }
        else if (segments.Length >= 4 && _orgs.TryGetValue(segments[0], out var org) && segments[1] == "api" && segments[2] == "data" && segments[3] == "v9.2")
        {
            await DataverseAsync(http, org, string.Join('/', segments.Skip(4))).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(http, DataverseResponse.Error(404, "0x80060888", $"Resource not found for the segment '{segments[0]}'.")).ConfigureAwait(false);
        }
    }

    private string OrgUrl(OrgStore org) => $"{BaseUrl}/{org.Identity.Key}";

    private async Task DataverseAsync(HttpContext http, OrgStore org, string path)
    {
        var key = org.Identity.Key;
        var method = http.Request.Method.ToUpperInvariant();
        _stats.Call(key, $"{method} {Label(path)}");
        var authorization = http.Request.Headers.Authorization.ToString();
        if (_faults.Roll(f => f.TokenExpiry))
        {
            _tokens.Expire(authorization);
        }

        if (_tokens.Validate(authorization.Length == 0 ? null : authorization, key) is { } authError)
        {
            // dataverse.md §5: 401 with WWW-Authenticate naming the authority (tenant discovery).
            await WriteAsync(http, DataverseResponse.Error(401, string.Empty, $"{authError}: the bearer token is missing, invalid or expired.",
                new KeyValuePair<string, string>("WWW-Authenticate", $"Bearer authorization_uri={BaseUrl}/{_tenant:D}/oauth2/authorize, resource_id={OrgUrl(org)}"))).ConfigureAwait(false);
            return;
        }

        var caller = $"{key}|{ClientId}";
        if (_protection.TryEnter(caller) is { } limited)
        {
            await WriteAsync(http, TooMany(limited.Code, limited.Message, limited.RetryAfter)).ConfigureAwait(false);
            return;
        }

        var clock = Stopwatch.StartNew();
        var (requestsLeft, millisecondsLeft) = _protection.Remaining(caller);
        http.Response.Headers["x-ms-ratelimit-burst-remaining-xrm-requests"] = requestsLeft.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["x-ms-ratelimit-time-remaining-xrm-requests"] = millisecondsLeft.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["x-ms-dop-hint"] = _options.Limits.DegreeOfParallelismHint.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            if (await InjectedFaultAsync(http).ConfigureAwait(false))
            {
                return;
            }

            var request = await ReadRequestAsync(http, path).ConfigureAwait(false);
            if (Impersonated(http, org) is not { } callerId)
            {
                await WriteAsync(http, DataverseResponse.Error(400, "0x80040224", "MSCRMCallerID names no user of this organization.")).ConfigureAwait(false);
                return;
            }

            var ctx = new RequestContext(org, OrgUrl(org), callerId, _options, new Transaction(org, Guid.NewGuid()), _faults);
            var response = path == "$batch" && method == "POST"
                ? BatchProcessor.Execute(request, ctx)
                : ExecuteSingle(request, ctx);
            _stats.Records(key, ctx.RecordsRead, ctx.RecordsWritten);
            var reset = method == "GET" && response.Status == 200 && response.Body is { Length: > 64 } && _faults.Roll(f => f.ConnectionReset);
            await WriteAsync(http, response, reset).ConfigureAwait(false);
        }
        finally
        {
            _protection.Exit(caller, clock.Elapsed);
        }
    }

    /// <summary>
    /// The caller: the application user, or the user an <c>MSCRMCallerID</c> header impersonates (dataverse.md: impersonation
    /// by systemuserid; the sandbox does not check prvActOnBehalfOfAnotherUser). Null when the header names no user.
    /// </summary>
    private static Guid? Impersonated(HttpContext http, OrgStore org)
    {
        var header = http.Request.Headers["MSCRMCallerID"].ToString();
        if (header.Length == 0)
        {
            return org.Identity.ApplicationUserId;
        }

        if (!Guid.TryParse(header, out var id))
        {
            return null;
        }

        lock (org.Gate)
        {
            return org.ByLogicalName("systemuser")?.Find(id) is null ? null : id;
        }
    }

    /// <summary>Runs one request as its own transaction: a failed request leaves nothing behind.</summary>
    internal static DataverseResponse ExecuteSingle(DataverseRequest request, RequestContext ctx)
    {
        lock (ctx.Org.Gate)
        {
            var response = DataverseApi.Execute(request, ctx);
            if (response.Status >= 400)
            {
                ctx.Tx.Rollback();
            }
            else if (ctx.Tx.TryCommit() is { } refused)
            {
                return StepFailed(refused);
            }

            return response;
        }
    }

    /// <summary>A synchronous step refused the operation (ISV-aborted code, as in dataverse.md §3's error example).</summary>
    internal static DataverseResponse StepFailed(string message) => DataverseResponse.Error(400, "0x80040265", message);

    private async Task<bool> InjectedFaultAsync(HttpContext http)
    {
        if (_faults.Roll(f => f.Latency))
        {
            await Task.Delay(_faults.Settings.LatencyMilliseconds, http.RequestAborted).ConfigureAwait(false);
        }

        DataverseResponse? fault = null;
        if (_faults.Roll(f => f.TooManyRequests))
        {
            fault = TooMany("0x80072322", $"Number of requests exceeded the limit of {_options.Limits.MaxRequests} over time window of {(int)_options.Limits.Window.TotalSeconds} seconds.", 2);
        }
        else if (_faults.Roll(f => f.InternalServerError))
        {
            fault = DataverseResponse.Error(500, "0x80040216", "An unexpected error occurred.");
        }
        else if (_faults.Roll(f => f.ServiceUnavailable))
        {
            fault = DataverseResponse.Error(503, string.Empty, "The service is temporarily unavailable.");
        }

        if (fault is not null)
        {
            await WriteAsync(http, fault).ConfigureAwait(false);
        }

        return fault is not null;
    }

    private static DataverseResponse TooMany(string code, string message, int retryAfter) =>
        DataverseResponse.Error(429, code, message, new KeyValuePair<string, string>("Retry-After", retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string Label(string path)
    {
        var end = path.IndexOfAny(['(', '/']);
        return end < 0 ? path : path[..end];
    }

    private static async Task<DataverseRequest> ReadRequestAsync(HttpContext http, string path)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new DataverseRequest(http.Request.Method.ToUpperInvariant(), path, (http.Request.QueryString.Value ?? string.Empty).TrimStart('?'), headers, buffer.ToArray());
    }

    private static async Task WriteAsync(HttpContext http, DataverseResponse response, bool resetMidBody = false)
    {
        http.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            http.Response.Headers.Append(name, value);
        }

        if (response.ContentType is not null)
        {
            http.Response.ContentType = response.ContentType;
        }

        if (response.Body is null)
        {
            return;
        }

        if (resetMidBody)
        {
            // Fault: the connection drops half-way through a page.
            http.Response.ContentLength = response.Body.Length;
            await http.Response.Body.WriteAsync(response.Body.AsMemory(0, response.Body.Length / 2), http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            http.Abort();
            return;
        }

        http.Response.ContentLength = response.Body.Length;
        await http.Response.Body.WriteAsync(response.Body, http.RequestAborted).ConfigureAwait(false);
    }
}
