using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Salesforce.Auth;
using CrmExtensions.Connectors.Salesforce.Http;
using CrmExtensions.Connectors.Salesforce.Metadata;
using CrmExtensions.Connectors.Salesforce.Reading;
using CrmExtensions.Connectors.Salesforce.Writing;

namespace CrmExtensions.Connectors.Salesforce;

/// <summary>
/// A connection to one Salesforce org: its <see cref="Source"/> (check, discover, read) and <see cref="Writer"/>
/// (write-back). Create one per connection with <see cref="Create"/> and dispose it when done.
/// </summary>
public sealed class SalesforceConnector : IDisposable
{
    private readonly HttpClient _api;
    private readonly HttpClient _auth;
    private readonly TokenProvider _tokens;

    private SalesforceConnector(HttpClient api, HttpClient auth, TokenProvider tokens, ICrmSource source, ICrmWriter writer, ApiUsage usage, IReadOnlyList<CredentialExpiry> credentials)
    {
        _api = api;
        _auth = auth;
        _tokens = tokens;
        Source = source;
        Writer = writer;
        Usage = usage;
        Credentials = credentials;
    }

    /// <summary>The expiry of the credential in use, where configured (<see cref="SalesforceOptions.ClientSecretExpiresOn"/>).</summary>
    public IReadOnlyList<CredentialExpiry> Credentials { get; }

    /// <summary>Checks, discovers and reads the org.</summary>
    public ICrmSource Source { get; }

    /// <summary>Writes output fields back.</summary>
    public ICrmWriter Writer { get; }

    /// <summary>API calls, retries and the org's DailyApiRequests budget since the connector was created.</summary>
    public ApiUsage Usage { get; }

    /// <summary>Sessions minted so far (one, plus one per 401 re-authentication).</summary>
    public int SessionsMinted => _tokens.Minted;

    /// <summary>
    /// Validates <paramref name="options"/> (throws <see cref="ArgumentException"/> listing every bad setting by name) and
    /// connects lazily: nothing is sent until the first call.
    /// </summary>
    /// <param name="options">The connection settings.</param>
    /// <param name="transport">The innermost HTTP handler (tests, proxies); a <see cref="SocketsHttpHandler"/> when null. Not disposed.</param>
    /// <param name="time">The clock for JWT expiry, cursors and resume times; the system clock when null.</param>
    public static SalesforceConnector Create(SalesforceOptions options, HttpMessageHandler? transport = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, failures), nameof(options));
        }

        time ??= TimeProvider.System;
        var inner = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var auth = new HttpClient(inner, disposeHandler: false) { Timeout = options.RequestTimeout };
        var tokens = new TokenProvider(auth, options, time);
        var usage = new ApiUsage();
        // The overall client timeout covers all retries; each attempt has its own timeout in the pipeline.
        var api = new HttpClient(HttpPipeline.Build(options, tokens, inner, transport is null, usage), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var http = new SalesforceHttp(api, tokens, options, usage, time);
        var describe = new DescribeReader(http);
        return new SalesforceConnector(api, auth, tokens,
            new SalesforceSource(http, describe, new CurrencyRates(http, options), new BulkQuery(http, options, time), options, time),
            new SalesforceWriter(http, describe, options, new BulkIngest(http, options, time)), usage,
            options.ClientSecretExpiresOn is { } expiry && string.IsNullOrEmpty(options.JwtUsername) ? [new CredentialExpiry($"{SalesforceOptions.Section}:ClientSecret", expiry)] : []);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _api.Dispose();
        _auth.Dispose();
        _tokens.Dispose();
    }
}
