namespace CrmExtensions.Connectors.Dataverse;

/// <summary>
/// One Dataverse connection. Bind it from configuration (<c>Crmx:Dataverse</c>) or the environment; the client secret
/// is never logged and <see cref="ToString"/> redacts it.
/// </summary>
public sealed class DataverseOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Crmx:Dataverse";

    /// <summary>The environment URL, e.g. <c>https://contoso.crm4.dynamics.com</c> (dataverse.md "Conventions").</summary>
    public Uri? EnvironmentUrl { get; set; }

    /// <summary>
    /// The Entra ID authority including the tenant, e.g. <c>https://login.microsoftonline.com/{tenant}</c>
    /// (sovereign clouds: <c>login.microsoftonline.us</c>, <c>login.partner.microsoftonline.cn</c>). When empty,
    /// <see cref="TenantId"/> on the public cloud is used.
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>The tenant id, used with the public cloud when <see cref="Authority"/> is empty.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id of the app registration bound to the Dataverse application user.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret. Comes from configuration or the environment; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// When <see cref="ClientSecret"/> expires (shown by the app registration under "Certificates &amp; secrets"): the
    /// host and <c>crmx check</c> warn <c>Crmx:Alerts:CredentialWarningDays</c> before. Entra ID does not tell a client.
    /// </summary>
    public DateTimeOffset? ClientSecretExpiresOn { get; set; }

    /// <summary>
    /// A client certificate instead of a secret: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with <see cref="CertificatePassword"/>)
    /// or a PEM file holding the certificate (and its key, or the key in <see cref="CertificateKeyPath"/>).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PKCS#12 password or the encrypted PEM key's password. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The PEM private key file when it is not inside <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The certificate and its private key as PEM text (e.g. from an environment variable). Never logged.</summary>
    public string? CertificatePem { get; set; }

    /// <summary>
    /// Whether MSAL validates the authority through Entra instance discovery. Empty: on for the Microsoft clouds' login
    /// hosts, off for any other host (Azure Stack, a proxy, the sandbox), which discovery would refuse.
    /// </summary>
    public bool? ValidateAuthority { get; set; }

    /// <summary>The token scope; defaults to <c>{EnvironmentUrl}/.default</c> (dataverse.md §5).</summary>
    public string? Scope { get; set; }

    /// <summary>The tables (logical names) to discover and sync; empty means <see cref="DefaultTables"/>.</summary>
    public IList<string> Tables { get; } = [];

    /// <summary>
    /// Data minimisation: read only the columns that can matter — every column except secured ones and names and
    /// contact details (<c>fullname</c>, <c>emailaddress1</c>, <c>telephone1</c>, street lines…) — through a
    /// <c>$select</c> list, unless <see cref="KeepColumns"/> names them. Off by default here; the host turns it on.
    /// </summary>
    public bool MinimiseColumns { get; set; }

    /// <summary>Columns a minimised sync reads even though they are personal or secured (the host adds every column its specs name).</summary>
    public IList<string> KeepColumns { get; } = [];

    /// <summary>Rows per page (<c>Prefer: odata.maxpagesize</c>); 5000 is the service's default and maximum (dataverse.md §1).</summary>
    public int PageSize { get; set; } = MaxPageSize;

    /// <summary>Requests per <c>$batch</c>; Microsoft recommends starting small, around 10, at most 1000 (dataverse.md §3, §4).</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Batches sent at once; dataverse.md §4 recommends several threads (the service hints with <c>x-ms-dop-hint</c>).</summary>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>Retries of a transient failure (429, 5xx, timeouts) before it is reported.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off delay when the service sends no <c>Retry-After</c>; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How often a table without change tracking has its ids reconciled with the CRM's (an id-only read that finds hard
    /// deletes); null turns it off (then only <c>crmx sync --full</c> finds them). Default one day.
    /// </summary>
    public TimeSpan? IdReconciliationInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The largest page size the service honours (dataverse.md §1).</summary>
    public const int MaxPageSize = 5000;

    /// <summary>The most requests one <c>$batch</c> may hold (dataverse.md §3).</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>The tables synced when <see cref="Tables"/> is empty (issue #7's default mappings).</summary>
    public static IReadOnlyList<string> DefaultTables { get; } =
        ["lead", "account", "contact", "opportunity", "salesorder", "salesorderdetail", "product", "incident", "task", "phonecall", "email"];

    /// <summary>The tables to use: the configured ones, else the defaults.</summary>
    public IReadOnlyList<string> EffectiveTables => Tables.Count > 0 ? [.. Tables] : DefaultTables;

    /// <summary>Returns one message per bad setting, naming it (<c>Crmx:Dataverse:ClientId is required.</c>); empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (EnvironmentUrl is null || !EnvironmentUrl.IsAbsoluteUri || !IsSecureOrLoopback(EnvironmentUrl))
        {
            failures.Add($"{Section}:EnvironmentUrl must be an absolute https URL (http only for localhost).");
        }

        if (Authority is null && string.IsNullOrWhiteSpace(TenantId))
        {
            failures.Add($"{Section}:Authority or {Section}:TenantId is required.");
        }
        else if (Authority is not null && (!Authority.IsAbsoluteUri || !IsSecureOrLoopback(Authority)))
        {
            failures.Add($"{Section}:Authority must be an absolute https URL (http only for localhost).");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            failures.Add($"{Section}:ClientId is required.");
        }

        var certificates = (string.IsNullOrWhiteSpace(CertificatePath) ? 0 : 1) + (string.IsNullOrWhiteSpace(CertificatePem) ? 0 : 1);
        if (string.IsNullOrWhiteSpace(ClientSecret) && certificates == 0)
        {
            failures.Add($"{Section}:ClientSecret is required, or {Section}:CertificatePath / {Section}:CertificatePem (set them in configuration or the environment, not on the command line).");
        }
        else if (!string.IsNullOrWhiteSpace(ClientSecret) && certificates > 0)
        {
            failures.Add($"{Section}:ClientSecret and a certificate ({Section}:CertificatePath or CertificatePem) are both set; use one credential.");
        }
        else if (certificates > 1)
        {
            failures.Add($"{Section}:CertificatePath and {Section}:CertificatePem are both set; use one.");
        }
        else if (!string.IsNullOrWhiteSpace(CertificatePath) && !File.Exists(CertificatePath))
        {
            failures.Add($"{Section}:CertificatePath names a file that does not exist.");
        }
        else if (!string.IsNullOrWhiteSpace(CertificateKeyPath) && !File.Exists(CertificateKeyPath))
        {
            failures.Add($"{Section}:CertificateKeyPath names a file that does not exist.");
        }

        if (certificates > 0 && Authority is not null && Authority.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{Section}:Authority must be https for certificate credentials (MSAL signs the client assertion and accepts only https authorities).");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            failures.Add($"{Section}:PageSize must be 1-{MaxPageSize}.");
        }

        if (BatchSize is < 1 or > MaxBatchSize)
        {
            failures.Add($"{Section}:BatchSize must be 1-{MaxBatchSize}.");
        }

        if (MaxParallelism is < 1 or > 52)
        {
            failures.Add($"{Section}:MaxParallelism must be 1-52 (the documented concurrency limit).");
        }

        if (MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetries must be 0-10.");
        }

        if (IdReconciliationInterval < TimeSpan.Zero)
        {
            failures.Add($"{Section}:IdReconciliationInterval must not be negative (0 reconciles on every sync; leave it empty to turn it off).");
        }

        if (RetryDelay <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RetryDelay and {Section}:RequestTimeout must be positive.");
        }

        foreach (var table in Tables)
        {
            if (string.IsNullOrWhiteSpace(table) || !table.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                failures.Add($"{Section}:Tables contains a name that is not a logical name (letters, digits, '_').");
            }
        }

        return failures;
    }

    /// <summary>The authority the token is requested from.</summary>
    internal Uri EffectiveAuthority => Authority ?? new Uri($"https://login.microsoftonline.com/{TenantId}/");

    /// <summary>The token scope.</summary>
    internal string EffectiveScope => Scope ?? $"{EnvironmentUrl!.ToString().TrimEnd('/')}/.default";

    /// <summary>The Web API root, <c>{EnvironmentUrl}/api/data/v9.2/</c> (dataverse.md "Conventions").</summary>
    internal Uri ApiRoot => new($"{EnvironmentUrl!.ToString().TrimEnd('/')}/api/data/v9.2/");

    /// <inheritdoc />
    public override string ToString() =>
        $"EnvironmentUrl={EnvironmentUrl}, Authority={EffectiveAuthorityText()}, ClientId={ClientId}, ClientSecret={(string.IsNullOrEmpty(ClientSecret) ? "(none)" : "***")}, " +
        $"Certificate={(CertificatePath ?? (string.IsNullOrEmpty(CertificatePem) ? "(none)" : "PEM ***"))}, CertificatePassword={(string.IsNullOrEmpty(CertificatePassword) ? "(none)" : "***")}, " +
        $"Tables=[{string.Join(',', EffectiveTables)}], PageSize={PageSize}, BatchSize={BatchSize}";

    private string EffectiveAuthorityText() => Authority?.ToString() ?? (TenantId is null ? "(none)" : $"public cloud, tenant {TenantId}");

    private static bool IsSecureOrLoopback(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
