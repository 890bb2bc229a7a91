using CrmExtensions.Jobs;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Install.Dataverse;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// The Dataverse side of the demo: <c>crmx install</c>'s installer puts the output columns and the webhook (endpoint,
/// Create/Update steps filtered to feature columns, post-images) into the sandbox org; agents' edits and read-backs go
/// through the connector's authenticated Web API client.
/// </summary>
internal sealed class DataverseDemo : DemoCrm
{
    private static readonly Dictionary<string, string> EntitySets = new(StringComparer.Ordinal)
    {
        ["lead"] = "leads", ["opportunity"] = "opportunities", ["account"] = "accounts", ["incident"] = "incidents",
    };

    private static readonly string[] Synced = ["lead", "opportunity", "task", "phonecall", "email", "account", "product", "salesorder", "salesorderdetail", "incident"];

    private readonly DataverseConnector _dataverse;
    private readonly DataverseOptions _options;

    private DataverseDemo(RunningSandbox sandbox, DataverseConnector dataverse, DataverseOptions options)
        : base(sandbox, new CrmConnector("dataverse", CrmKind.Dataverse, options.EnvironmentUrl!.ToString(), dataverse.Source, dataverse.Writer, dataverse,
            () => new { calls = dataverse.Usage.Calls }, new ApiMeter(() => dataverse.Usage.Calls)))
    {
        _dataverse = dataverse;
        _options = options;
    }

    public static DataverseDemo Create(RunningSandbox sandbox)
    {
        var org = sandbox.Orgs[0];
        var options = new DataverseOptions
        {
            EnvironmentUrl = org.Url,
            Authority = sandbox.Credentials.Authority,
            ClientId = sandbox.Credentials.ClientId,
            ClientSecret = sandbox.Credentials.ClientSecret,
            BatchSize = 100,
        };
        foreach (var table in Synced)
        {
            options.Tables.Add(table);
        }

        return new DataverseDemo(sandbox, DataverseConnector.Create(options), options);
    }

    public override string OrganizationId => Org.OrganizationId.ToString();

    public override string OwnUserId => Org.ApplicationUserId.ToString();

    public override IReadOnlyList<string> SyncTables => Synced;

    public override IReadOnlyList<string> OutputTables { get; } = ["lead", "opportunity", "account"];

    public override string LeadName => "fullname";

    public override string AccountName => "name";

    public override string CaseTitle => "title";

    public override async Task<long> InstallAsync(Uri webhookUrl, string key, CancellationToken cancellationToken)
    {
        // The same calls as `crmx install` with Crmx:Install:Webhook set: publisher, solution, columns, endpoint, steps, images.
        var registration = await InstallWebhook.ForAsync(_dataverse, webhookUrl, key, cancellationToken);
        var report = await new DataverseInstaller(_dataverse.WebApi, Org.ApiUrl, OutputCatalogue.Default).InstallAsync(registration, cancellationToken: cancellationToken);
        return report.Actions.Count;
    }

    public override IEnumerable<KeyValuePair<string, string?>> HostSettings(string prefix, string key)
    {
        yield return new($"{prefix}:Name", Name);
        yield return new($"{prefix}:Crm", "dataverse");
        yield return new($"{prefix}:OrganizationId", OrganizationId);
        yield return new($"{prefix}:WebhookKey", key);
        yield return new($"{prefix}:OwnUserIds:0", OwnUserId);
        var models = Specs.Select(s => s.Name).ToList();
        for (var i = 0; i < models.Count; i++)
        {
            yield return new($"{prefix}:Models:{i}", models[i]);
        }

        yield return new($"{prefix}:Dataverse:EnvironmentUrl", _options.EnvironmentUrl!.ToString());
        yield return new($"{prefix}:Dataverse:Authority", _options.Authority!.ToString());
        yield return new($"{prefix}:Dataverse:ClientId", _options.ClientId);
        yield return new($"{prefix}:Dataverse:ClientSecret", _options.ClientSecret);
        yield return new($"{prefix}:Dataverse:BatchSize", _options.BatchSize.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < Synced.Length; i++)
        {
            yield return new($"{prefix}:Dataverse:Tables:{i}", Synced[i]);
        }
    }

    public override async Task UncategoriseAsync(IReadOnlyList<string> caseIds, CancellationToken cancellationToken)
    {
        foreach (var id in caseIds)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(Org.ApiUrl, $"incidents({Guid.Parse(id):D})"))
            {
                Content = JsonContent.Create(new Dictionary<string, object?> { [CaseAgentField] = null }),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            using var response = await _dataverse.WebApi.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Clearing {CaseAgentField} of incident {id} failed: HTTP {(int)response.StatusCode}.");
            }
        }
    }

    public override async Task<IReadOnlyDictionary<string, JsonElement>> ReadAsync(string table, string id, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var set = EntitySets.TryGetValue(table, out var name) ? name : throw new InvalidOperationException($"The demo reads no {table} records.");
        var uri = new Uri(Org.ApiUrl, $"{set}({Guid.Parse(id):D})?$select={string.Join(',', fields)}");
        using var response = await _dataverse.WebApi.GetAsync(uri, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Reading {table} {id} back from the sandbox failed: HTTP {(int)response.StatusCode}.");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return fields.Where(f => json.RootElement.TryGetProperty(f, out _)).ToDictionary(f => f, f => json.RootElement.GetProperty(f).Clone(), StringComparer.Ordinal);
    }

    public override bool IsWrite(string callLabel) =>
        callLabel.StartsWith("POST $batch", StringComparison.Ordinal) || callLabel.StartsWith("PATCH", StringComparison.Ordinal);
}
