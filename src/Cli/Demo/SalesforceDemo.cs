using CrmExtensions.Jobs;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Connectors.Salesforce;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// The Salesforce side of the demo. The sandbox org serves our custom fields (its default <c>CRMX_</c> fields) and
/// outbound messages on Lead and Opportunity pointing at the host; both are defined when the sandbox starts, because
/// the sandbox has no Metadata API (a real org gets them from the generated SFDX project, issue 11). Install checks
/// that every output field the write-back uses is there. Agents' edits and read-backs are plain REST calls.
/// </summary>
internal sealed partial class SalesforceDemo : DemoCrm
{
    public const string ApiVersion = "62.0";

    /// <summary>Objects with an outbound message, and the fields it carries (LastModifiedById for the loop guard).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> OutboundFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Lead"] = ["Status", "LastModifiedById"],
        ["Opportunity"] = ["StageName", "LastModifiedById"],
    };

    private static readonly string[] Synced = ["Account", "Product2", "Lead", "Task", "Opportunity", "Order", "OrderItem", "Case"];

    private readonly HttpClient _http;
    private readonly SalesforceOptions _options;
    private readonly Session _session;

    private SalesforceDemo(RunningSandbox sandbox, SalesforceConnector salesforce, SalesforceOptions options, HttpClient http, Session session)
        : base(sandbox, new CrmConnector("salesforce", CrmKind.Salesforce, options.LoginUrl!.ToString(), salesforce.Source, salesforce.Writer, salesforce,
            () => new { calls = salesforce.Usage.Calls },
            new ApiMeter(() => salesforce.Usage.Calls, () => salesforce.Usage.Budget.Max > 0 ? new ApiBudgetReading(salesforce.Usage.Budget.Used, salesforce.Usage.Budget.Max) : null)))
    {
        _http = http;
        _options = options;
        _session = session;
    }

    /// <summary>Outbound message definitions for a sandbox whose messages go to <paramref name="endpoint"/>.</summary>
    public static IReadOnlyList<OutboundMessageDefinition> OutboundMessages(Uri endpoint) =>
        [.. OutboundFields.Select(o => new OutboundMessageDefinition(o.Key, endpoint, o.Value))];

    /// <summary>
    /// Connects to the sandbox's first org; <paramref name="http"/> (owned by the caller) carries the demo's own REST calls.
    /// <paramref name="configure"/> may change the connector's options (the bench sets its objects, page and batch sizes).
    /// </summary>
    public static async Task<SalesforceDemo> CreateAsync(RunningSandbox sandbox, HttpClient http, CancellationToken cancellationToken, Action<SalesforceOptions>? configure = null)
    {
        var org = sandbox.Orgs[0];
        var options = new SalesforceOptions
        {
            LoginUrl = org.Url,
            ClientId = sandbox.Credentials.ClientId,
            ClientSecret = sandbox.Credentials.ClientSecret,
            ApiVersion = ApiVersion,
            RetryDelay = TimeSpan.FromMilliseconds(50),
        };
        foreach (var name in Synced)
        {
            options.Objects.Add(name);
        }

        configure?.Invoke(options);
        var session = await Session.StartAsync(http, org.Url, sandbox.Credentials, cancellationToken);
        return new SalesforceDemo(sandbox, SalesforceConnector.Create(options), options, http, session);
    }

    public override string OrganizationId => _session.OrgId;

    public override string OwnUserId => _session.UserId;

    public override IReadOnlyList<string> SyncTables => Synced;

    public override IReadOnlyList<string> OutputTables { get; } = ["Lead", "Opportunity", "Account"];

    public override string LeadName => "Name";

    public override string AccountName => "Name";

    public override string CaseTitle => "Subject";

    public override async Task<long> InstallAsync(Uri webhookUrl, string key, CancellationToken cancellationToken)
    {
        var schemas = await Connector.Source.DiscoverAsync(cancellationToken);
        long verified = 0;
        foreach (var table in OutputTables.Append(CaseTable))
        {
            var fields = schemas.FirstOrDefault(s => s.Name == table)?.Fields.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
                ?? throw new InvalidOperationException($"The Salesforce sandbox does not serve {table}.");
            foreach (var field in OutputCatalogue.Default.ForTable(CrmKind.Salesforce, table).Where(f => ModelNames.Contains(f.Model) || f.Model == DefaultModels.CaseCategory))
            {
                verified += fields.Contains(field.SalesforceName) ? 1
                    : throw new InvalidOperationException($"{table}.{field.SalesforceName} is missing in the Salesforce sandbox: the write-back of {field.Model} needs it.");
            }
        }

        return verified + OutboundFields.Count;
    }

    public override IEnumerable<KeyValuePair<string, string?>> HostSettings(string prefix, string key)
    {
        yield return new($"{prefix}:Name", Name);
        yield return new($"{prefix}:Crm", "salesforce");
        yield return new($"{prefix}:OrganizationId", OrganizationId);
        yield return new($"{prefix}:WebhookKey", key);
        yield return new($"{prefix}:OwnUserIds:0", OwnUserId);
        var models = Specs.Select(s => s.Name).ToList();
        for (var i = 0; i < models.Count; i++)
        {
            yield return new($"{prefix}:Models:{i}", models[i]);
        }

        yield return new($"{prefix}:Salesforce:LoginUrl", _options.LoginUrl!.ToString());
        yield return new($"{prefix}:Salesforce:ClientId", _options.ClientId);
        yield return new($"{prefix}:Salesforce:ClientSecret", _options.ClientSecret);
        yield return new($"{prefix}:Salesforce:ApiVersion", ApiVersion);
        yield return new($"{prefix}:Salesforce:RetryDelay", _options.RetryDelay.ToString("c", CultureInfo.InvariantCulture));
        for (var i = 0; i < Synced.Length; i++)
        {
            yield return new($"{prefix}:Salesforce:Objects:{i}", Synced[i]);
        }
    }

    public override async Task UncategoriseAsync(IReadOnlyList<string> caseIds, CancellationToken cancellationToken)
    {
        foreach (var id in caseIds)
        {
            using var request = _session.Request(HttpMethod.Patch, $"sobjects/{CaseTable}/{Checked(id)}");
            request.Content = JsonContent.Create(new Dictionary<string, object?> { [CaseAgentField] = null });
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Clearing {CaseAgentField} of Case {id} failed: HTTP {(int)response.StatusCode}.");
            }
        }
    }

    public override async Task<IReadOnlyDictionary<string, JsonElement>> ReadAsync(string table, string id, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var soql = $"SELECT Id,{string.Join(',', fields)} FROM {table} WHERE Id = '{Checked(id)}'";
        using var request = _session.Request(HttpMethod.Get, "query?q=" + Uri.EscapeDataString(soql));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Reading {table} {id} back from the sandbox failed: HTTP {(int)response.StatusCode}.");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (json.RootElement.GetProperty("records") is not { ValueKind: JsonValueKind.Array } records || records.GetArrayLength() == 0)
        {
            return new Dictionary<string, JsonElement>();
        }

        var row = records[0];
        return fields.Where(f => row.TryGetProperty(f, out _)).ToDictionary(f => f, f => row.GetProperty(f).Clone(), StringComparer.Ordinal);
    }

    // Collections PATCH, single-record PATCH/DELETE, creates and Bulk ingest; Bulk query jobs only read.
    public override bool IsWrite(string callLabel) =>
        callLabel.StartsWith("SF PATCH", StringComparison.Ordinal) || callLabel.StartsWith("SF PUT", StringComparison.Ordinal)
        || callLabel.StartsWith("SF DELETE", StringComparison.Ordinal)
        || (callLabel.StartsWith("SF POST", StringComparison.Ordinal) && !callLabel.Contains("query", StringComparison.Ordinal));

    private static string Checked(string id) => IdPattern().IsMatch(id) ? id : throw new InvalidOperationException($"'{id}' is not a Salesforce record id.");

    [GeneratedRegex("^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")]
    private static partial Regex IdPattern();

    /// <summary>The demo's own client-credentials session (salesforce.md §1a): instance URL, org and user from the identity URL.</summary>
    private sealed record Session(Uri InstanceUrl, string Token, string OrgId, string UserId)
    {
        public static async Task<Session> StartAsync(HttpClient http, Uri loginUrl, SandboxCredentials credentials, CancellationToken cancellationToken)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = credentials.ClientId, ["client_secret"] = credentials.ClientSecret,
            });
            using var response = await http.PostAsync(new Uri(loginUrl.ToString().TrimEnd('/') + "/services/oauth2/token"), form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The Salesforce sandbox refused the demo's token request: HTTP {(int)response.StatusCode}.");
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = json.RootElement;
            var parts = root.GetProperty("id").GetString()!.TrimEnd('/').Split('/');
            return new Session(new Uri(root.GetProperty("instance_url").GetString()!.TrimEnd('/') + "/"), root.GetProperty("access_token").GetString()!, parts[^2], parts[^1]);
        }

        public HttpRequestMessage Request(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, new Uri(InstanceUrl, $"services/data/v{ApiVersion}/{path}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            return request;
        }
    }
}
