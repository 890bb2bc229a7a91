using System.Security.Cryptography.X509Certificates;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Dataverse.Auth;
using CrmExtensions.Connectors.Dataverse.Http;
using CrmExtensions.Connectors.Dataverse.Metadata;
using CrmExtensions.Connectors.Dataverse.Reading;
using CrmExtensions.Connectors.Dataverse.Writing;

namespace CrmExtensions.Connectors.Dataverse;

/// <summary>
/// A connection to one Dataverse org: its <see cref="Source"/> (check, discover, read) and <see cref="Writer"/>
/// (write-back). Create one per connection with <see cref="Create"/> and dispose it when done.
/// </summary>
public sealed class DataverseConnector : IDisposable
{
    private readonly HttpClient _api;
    private readonly HttpClient _auth;
    private readonly ITokenProvider _tokens;
    private readonly X509Certificate2? _certificate;

    private DataverseConnector(HttpClient api, HttpClient auth, ITokenProvider tokens, X509Certificate2? certificate, ICrmSource source, ICrmWriter writer, ApiUsage usage, IReadOnlyList<CredentialExpiry> credentials)
    {
        Usage = usage;
        Credentials = credentials;
        _api = api;
        _auth = auth;
        _tokens = tokens;
        _certificate = certificate;
        Source = source;
        Writer = writer;
    }

    /// <summary>Checks, discovers and reads the org.</summary>
    public ICrmSource Source { get; }

    /// <summary>Writes output fields back.</summary>
    public ICrmWriter Writer { get; }

    /// <summary>
    /// Columns Dataverse changes on every update, whoever makes it (audit columns and the row version): an update of
    /// only our output columns differs from the stored row in these and in the outputs (see <c>EchoDetector</c>).
    /// </summary>
    public static IReadOnlyList<string> BookkeepingColumns { get; } = ["modifiedon", "modifiedby", "modifiedonbehalfby", "versionnumber"];

    /// <summary>
    /// The authenticated, retrying Web API client of this connection, for callers that send documented calls of their
    /// own with the same auth (the installer's metadata calls). Owned by the connector; do not dispose.
    /// </summary>
    public HttpClient WebApi => _api;

    /// <summary>API calls, retries and throttling since the connector was created.</summary>
    public ApiUsage Usage { get; }

    /// <summary>The expiry of the credential in use, where known: the certificate's NotAfter, or <see cref="DataverseOptions.ClientSecretExpiresOn"/>.</summary>
    public IReadOnlyList<CredentialExpiry> Credentials { get; }

    /// <summary>
    /// Validates <paramref name="options"/> (throws <see cref="ArgumentException"/> listing every bad setting by name) and
    /// connects lazily: nothing is sent until the first call.
    /// </summary>
    /// <param name="options">The connection settings.</param>
    /// <param name="transport">The innermost HTTP handler (tests, proxies); a <see cref="SocketsHttpHandler"/> when null. Not disposed.</param>
    /// <param name="time">The clock for token expiry; the system clock when null.</param>
    public static DataverseConnector Create(DataverseOptions options, HttpMessageHandler? transport = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, failures), nameof(options));
        }

        time ??= TimeProvider.System;
        var inner = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var disposeInner = transport is null;
        var auth = new HttpClient(inner, disposeHandler: false) { Timeout = options.RequestTimeout };
        // MSAL refuses authorities that are not https ("'authority' should use the 'https' scheme"); only the plain-http
        // loopback sandbox (`crmx sandbox` without TLS) gets a token by the raw client-credentials POST.
        var certificate = ClientCertificateLoader.Load(options);
        ITokenProvider tokens = options.EffectiveAuthority.Scheme == Uri.UriSchemeHttps
            ? new MsalTokenProvider(options, auth, certificate)
            : new ClientCredentialsTokenProvider(auth, options, time);
        // The overall client timeout covers all retries; each attempt has its own timeout in the pipeline.
        var usage = new ApiUsage();
        var api = new HttpClient(HttpPipeline.Build(options, tokens, inner, disposeInner, usage), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var http = new DataverseHttp(api, options.ApiRoot);
        var metadata = new MetadataReader(http);
        var credential = certificate is null ? null : new CertificateInfo(certificate.Subject, certificate.Thumbprint, new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        var expiries = new List<CredentialExpiry>();
        if (credential is not null)
        {
            expiries.Add(new CredentialExpiry($"{DataverseOptions.Section}:Certificate {credential.Subject} (thumbprint {credential.Thumbprint})", credential.NotAfter));
        }
        else if (options.ClientSecretExpiresOn is { } secretExpiry)
        {
            expiries.Add(new CredentialExpiry($"{DataverseOptions.Section}:ClientSecret", secretExpiry));
        }

        return new DataverseConnector(api, auth, tokens, certificate,
            new DataverseSource(http, metadata, new CurrencyCodes(http), options, time) { Certificate = credential },
            new DataverseWriter(http, metadata, options, usage), usage, expiries);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _api.Dispose();
        _auth.Dispose();
        (_tokens as IDisposable)?.Dispose();
        _certificate?.Dispose();
    }
}
