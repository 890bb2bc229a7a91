using System.Globalization;

namespace CrmExtensions.Connectors.Salesforce;

/// <summary>
/// One Salesforce connection, bound from <c>Crmx:Salesforce</c> (secrets from the environment, e.g.
/// <c>Crmx__Salesforce__ClientSecret</c>). Secrets and the private key are never logged; <see cref="ToString"/> redacts them.
/// </summary>
public sealed class SalesforceOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Crmx:Salesforce";

    /// <summary>The most records one sObject-collection call may hold (salesforce.md §3c).</summary>
    public const int MaxCollectionSize = 200;

    /// <summary>
    /// The My Domain login URL, e.g. <c>https://acme.my.salesforce.com</c>. Client credentials must be posted to the
    /// My Domain host, not login.salesforce.com (salesforce.md §1a).
    /// </summary>
    public Uri? LoginUrl { get; set; }

    /// <summary>The consumer key of the External Client App.</summary>
    public string? ClientId { get; set; }

    /// <summary>The consumer secret (client-credentials flow). Configuration or environment only; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The integration user's username (<c>sub</c> of the JWT bearer flow, salesforce.md §1b); set it to use JWT instead of client credentials.</summary>
    public string? JwtUsername { get; set; }

    /// <summary>The RSA private key as PEM text (JWT bearer). Configuration or environment only; never logged.</summary>
    public string? JwtPrivateKeyPem { get; set; }

    /// <summary>A file holding the PEM private key, or a PKCS#12 (.pfx/.p12) certificate with its key (JWT bearer).</summary>
    public string? JwtKeyFile { get; set; }

    /// <summary>The password of a PKCS#12 <see cref="JwtKeyFile"/>. Never logged.</summary>
    public string? JwtKeyFilePassword { get; set; }

    /// <summary>The JWT audience: <c>https://login.salesforce.com</c>, <c>https://test.salesforce.com</c> for sandboxes (salesforce.md §1b).</summary>
    public string JwtAudience { get; set; } = "https://login.salesforce.com";

    /// <summary>The REST API version, kept constant (salesforce.md "Conventions": Bulk results must use the creating version).</summary>
    public string ApiVersion { get; set; } = "62.0";

    /// <summary>The objects to discover and sync; empty means <see cref="DefaultObjects"/>. Custom objects (<c>Invoice__c</c>) are named here, no code needed.</summary>
    public IList<string> Objects { get; } = [];

    /// <summary>Rows per query page (<c>Sforce-Query-Options: batchSize</c>, 200–2,000, salesforce.md §2a).</summary>
    public int PageSize { get; set; } = 2000;

    /// <summary>How far before the last seen SystemModstamp an incremental read starts again (late commits, salesforce.md §2c); duplicates are dropped.</summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A full read replaces the incremental one when the last full read is older than this (hard deletes and merges the recycle bin no longer shows).</summary>
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The share of DailyApiRequests (0–1) after which a run stops cleanly as partial (salesforce.md §5).</summary>
    public double BudgetShare { get; set; } = 0.8;

    /// <summary>When a run stopped by the budget says it resumes (the allocation is a rolling 24 h, salesforce.md §5).</summary>
    public TimeSpan BudgetResumeAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A read from the start with more rows than this runs as a Bulk API 2.0 query job (salesforce.md §4c: Bulk is
    /// recommended above ~2,000 records); 0 never uses Bulk.
    /// </summary>
    public int BulkQueryThreshold { get; set; } = 2000;

    /// <summary>
    /// The first wait between polls of a Bulk query or ingest job's state; each further wait doubles, up to
    /// <see cref="MaxBulkPollInterval"/> (every poll is an API call: a long job must not spend the budget on polls).
    /// </summary>
    public TimeSpan BulkPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two polls of a Bulk job (30 s, or <see cref="BulkPollInterval"/> when that is longer).</summary>
    public static readonly TimeSpan MaxBulkPollInterval = TimeSpan.FromSeconds(30);

    /// <summary>The wait after <paramref name="previous"/> (zero before the first wait): doubling from <see cref="BulkPollInterval"/>.</summary>
    internal TimeSpan NextBulkPollWait(TimeSpan previous) =>
        previous <= TimeSpan.Zero ? BulkPollInterval
        : TimeSpan.FromTicks(Math.Min(previous.Ticks * 2, Math.Max(BulkPollInterval.Ticks, MaxBulkPollInterval.Ticks)));

    /// <summary>How long a Bulk query job may take before the read stops (and resumes next run); also the limit for an ingest job, whose records are then reported failed and retried next run.</summary>
    public TimeSpan BulkPollTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A write-back of more records than this (for one object) runs as one Bulk API 2.0 update job instead of
    /// sObject-collection calls (salesforce.md §4a, §4c: Bulk is recommended above ~2,000 records); 0 never uses Bulk.
    /// </summary>
    public int BulkWriteThreshold { get; set; } = 2000;

    /// <summary>
    /// Records per Bulk update job. A write-back above <see cref="BulkWriteThreshold"/> is handed to the writer in
    /// pieces of this size, so N changes make ceil(N / BulkJobRecords) jobs; 10,000 keeps the CSV far below the
    /// 100 MB raw upload limit (salesforce.md §4a) even with long reasons, and bounds the memory one call holds.
    /// </summary>
    public int BulkJobRecords { get; set; } = 10_000;

    /// <summary>Records per sObject-collection PATCH (1–200, salesforce.md §3c).</summary>
    public int WriteBatchSize { get; set; } = MaxCollectionSize;

    /// <summary>The currency of amounts on records without <c>CurrencyIsoCode</c> (single-currency orgs).</summary>
    public string DefaultCurrency { get; set; } = "USD";

    /// <summary>Retries of a transient failure (5xx, timeouts, the concurrent-request 403) before it is reported.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off delay; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Timeout of one HTTP attempt (the platform's own limit is 10 min, salesforce.md §5).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The objects synced when <see cref="Objects"/> is empty (issue 9's default mappings).</summary>
    public static IReadOnlyList<string> DefaultObjects { get; } =
        ["Lead", "Account", "Contact", "Opportunity", "Order", "OrderItem", "Product2", "Case", "Task"];

    /// <summary>The objects to use: the configured ones, else the defaults.</summary>
    public IReadOnlyList<string> EffectiveObjects => Objects.Count > 0 ? [.. Objects] : DefaultObjects;

    /// <summary>True when the JWT bearer flow is configured (a username is set).</summary>
    public bool UsesJwt => !string.IsNullOrWhiteSpace(JwtUsername);

    /// <summary>Returns one message per bad setting, naming it; empty when valid. Messages never contain secret values.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (LoginUrl is null || !LoginUrl.IsAbsoluteUri || !(LoginUrl.Scheme == Uri.UriSchemeHttps || (LoginUrl.Scheme == Uri.UriSchemeHttp && LoginUrl.IsLoopback)))
        {
            failures.Add($"{Section}:LoginUrl must be the absolute https My Domain URL, e.g. https://acme.my.salesforce.com (http only for localhost).");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            failures.Add($"{Section}:ClientId is required (the External Client App's consumer key).");
        }

        if (UsesJwt)
        {
            if (string.IsNullOrWhiteSpace(JwtPrivateKeyPem) == string.IsNullOrWhiteSpace(JwtKeyFile))
            {
                failures.Add($"{Section}:JwtPrivateKeyPem or {Section}:JwtKeyFile (exactly one) is required with {Section}:JwtUsername.");
            }
            else if (JwtKeyFile is { Length: > 0 } file && !File.Exists(file))
            {
                failures.Add($"{Section}:JwtKeyFile names a file that does not exist.");
            }

            if (!Uri.TryCreate(JwtAudience, UriKind.Absolute, out _))
            {
                failures.Add($"{Section}:JwtAudience must be an absolute URL such as https://login.salesforce.com.");
            }
        }
        else if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            failures.Add($"{Section}:ClientSecret is required for the client-credentials flow, or set {Section}:JwtUsername and a key for JWT bearer (set secrets in configuration or the environment, not on the command line).");
        }

        if (!decimal.TryParse(ApiVersion, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) || version < 31m || !ApiVersion.Contains('.', StringComparison.Ordinal))
        {
            failures.Add($"{Section}:ApiVersion must look like 62.0 (31.0 or later: getDeleted and limits need it).");
        }

        if (PageSize is < 200 or > 2000)
        {
            failures.Add($"{Section}:PageSize must be 200-2000 (Sforce-Query-Options batchSize).");
        }

        if (LookBack < TimeSpan.Zero || LookBack > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:LookBack must be between 0 and 1 day.");
        }

        if (ReconcileEvery < TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:ReconcileEvery must be at least 1 hour.");
        }

        if (BudgetShare is <= 0 or > 1)
        {
            failures.Add($"{Section}:BudgetShare must be more than 0 and at most 1 (a share of DailyApiRequests).");
        }

        if (BudgetResumeAfter <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:BudgetResumeAfter must be positive.");
        }

        if (BulkQueryThreshold < 0)
        {
            failures.Add($"{Section}:BulkQueryThreshold must be 0 (never) or more.");
        }

        if (BulkWriteThreshold < 0)
        {
            failures.Add($"{Section}:BulkWriteThreshold must be 0 (never) or more.");
        }

        if (BulkJobRecords < 1)
        {
            failures.Add($"{Section}:BulkJobRecords must be at least 1.");
        }

        if (BulkPollInterval <= TimeSpan.Zero || BulkPollTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:BulkPollInterval and {Section}:BulkPollTimeout must be positive.");
        }

        if (WriteBatchSize is < 1 or > MaxCollectionSize)
        {
            failures.Add($"{Section}:WriteBatchSize must be 1-{MaxCollectionSize} (sObject collections).");
        }

        if (DefaultCurrency is not { Length: 3 } || !DefaultCurrency.All(char.IsAsciiLetterUpper))
        {
            failures.Add($"{Section}:DefaultCurrency must be a three-letter upper-case ISO 4217 code.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetries must be 0-10.");
        }

        if (RetryDelay <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RetryDelay and {Section}:RequestTimeout must be positive.");
        }

        foreach (var name in Objects)
        {
            if (!Soql.IsIdentifier(name))
            {
                failures.Add($"{Section}:Objects contains a name that is not an API name (letters, digits, '_').");
            }
        }

        return failures;
    }

    /// <summary>The token endpoint on the My Domain host (salesforce.md §1a).</summary>
    internal Uri TokenEndpoint => new($"{LoginUrl!.ToString().TrimEnd('/')}/services/oauth2/token");

    /// <inheritdoc />
    public override string ToString() =>
        $"LoginUrl={LoginUrl}, ClientId={ClientId}, ClientSecret={Redacted(ClientSecret)}, JwtUsername={JwtUsername ?? "(none)"}, " +
        $"JwtPrivateKeyPem={Redacted(JwtPrivateKeyPem)}, JwtKeyFile={JwtKeyFile ?? "(none)"}, JwtKeyFilePassword={Redacted(JwtKeyFilePassword)}, " +
        $"ApiVersion={ApiVersion}, Objects=[{string.Join(',', EffectiveObjects)}], PageSize={PageSize}, BudgetShare={BudgetShare.ToString(CultureInfo.InvariantCulture)}";

    private static string Redacted(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
