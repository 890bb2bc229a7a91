using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmExtensions.Cli.Bench;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Tests;

/// <summary>
/// <c>crmx bench --crm salesforce</c> at a small scale, with sizes small enough that every path runs: REST pages,
/// Bulk query jobs, sObject Collections and Bulk ingest jobs. The calls are the sandbox's counts.
/// </summary>
public sealed class SalesforceBenchTests : IDisposable
{
    private static readonly string[] PhaseNames =
    [
        "connect and check (token, limits, describe, probe)", "full sync", "train", "score", "write-back",
        "incremental sync", "rescore", "write-back (material changes only)", "write-back again (nothing changed)",
    ];

    private readonly string _config = Path.Combine(Directory.CreateTempSubdirectory("crmx-sfbench-").FullName, "crmx.json");

    public SalesforceBenchTests() => File.WriteAllText(_config, """
        { "Crmx": { "Salesforce": { "PageSize": 200, "WriteBatchSize": 20, "BulkQueryThreshold": 500, "BulkWriteThreshold": 50, "BulkJobRecords": 60 } } }
        """);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_config)!, recursive: true);

    [Fact]
    public async Task BenchSalesforce_SmallSizes_EveryPhaseAtTheProtocolMinimumAndNoWriteWhenNothingChanged()
    {
        var (code, output, error) = await Cli.Run("bench", "--crm", "salesforce", "--scale", "600", "--config", _config, "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("crm").GetString().ShouldBe("salesforce");
        var phases = root.GetProperty("phases").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        phases.Keys.ShouldBe(PhaseNames);

        var full = phases["full sync"];
        full.GetProperty("records").GetInt64().ShouldBeGreaterThan(600);
        // Lead (600 rows) is above the Bulk threshold of 500: a query job, polled, read in result sets of 200.
        full.GetProperty("bulkPollCalls").GetInt64().ShouldBeGreaterThan(0);
        // Each object read with Bulk costs one REST page more than the minimum: the first page that tells its size (3 objects).
        full.GetProperty("dataPages").GetInt64().ShouldBeInRange(Long(full, "minimumCalls"), Long(full, "minimumCalls") + 3);
        Long(full, "writeCalls").ShouldBe(0);

        var incremental = phases["incremental sync"];
        Long(incremental, "records").ShouldBeGreaterThan(0);
        Long(incremental, "dataPages").ShouldBe(Long(incremental, "minimumCalls"));

        var write = phases["write-back"];
        Long(write, "records").ShouldBeGreaterThan(50);
        Long(write, "bulkPollCalls").ShouldBeGreaterThan(0); // more than 50 leads: Bulk ingest jobs of 60
        Long(write, "writeCalls").ShouldBe(Long(write, "minimumCalls"));
        Long(write, "writeCalls").ShouldBeGreaterThan(0);
        var material = phases["write-back (material changes only)"];
        Long(material, "writeCalls").ShouldBe(Long(material, "minimumCalls"));

        var unchanged = phases["write-back again (nothing changed)"];
        (Long(unchanged, "writeCalls"), Long(unchanged, "records"), Long(unchanged, "minimumCalls"), Long(unchanged, "dataPages")).ShouldBe((0L, 0L, 0L, 0L));
        foreach (var name in new[] { "train", "score", "rescore" })
        {
            (Long(phases[name], "dataPages"), Long(phases[name], "writeCalls")).ShouldBe((0L, 0L), name);
        }

        Long(phases[PhaseNames[0]], "tokenCalls").ShouldBe(1);
        Long(root.GetProperty("totals"), "tokenCalls").ShouldBe(1);
        root.GetProperty("caps").EnumerateArray().ShouldAllBe(c => c.GetProperty("within").GetBoolean());
        root.GetProperty("caps").GetArrayLength().ShouldBe(2);
        root.GetProperty("problems").GetArrayLength().ShouldBe(0, root.GetProperty("problems").ToString());
    }

    [Fact]
    public async Task BenchBoth_Json_IsOneReportPerCrmInTurn()
    {
        var (code, output, error) = await Cli.Run("bench", "--crm", "both", "--scale", "300", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var reports = json.RootElement.EnumerateArray().ToList();
        reports.Select(r => r.GetProperty("crm").GetString()).ShouldBe(["dataverse", "salesforce"]);
        reports.ShouldAllBe(r => r.GetProperty("phases").GetArrayLength() == 9);
        reports.ShouldAllBe(r => r.GetProperty("phases")[8].GetProperty("writeCalls").GetInt64() == 0);
    }

    [Fact]
    public async Task BenchSalesforce_PageSizeOutOfRange_IsAUsageError()
    {
        await File.WriteAllTextAsync(_config, """{ "Crmx": { "Salesforce": { "PageSize": 50 } } }""");

        var (code, _, error) = await Cli.Run("bench", "--crm", "salesforce", "--scale", "300", "--config", _config);

        code.ShouldNotBe(0);
        error.ShouldContain("PageSize");
    }

    /// <summary>The bench's figures are what the sandbox served: raw calls made here, no connector involved, are counted by kind.</summary>
    [Fact]
    public async Task SalesforceCallCounts_RawCalls_AreCountedByKindFromTheSandbox()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 1 });
        var org = sandbox.Orgs[0];
        using var http = new HttpClient();
        var before = await ApiCallCounts.ReadAsync(http, sandbox.BaseUrl, org.Key, CallKinds.Salesforce, default);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = sandbox.Credentials.ClientId, ["client_secret"] = sandbox.Credentials.ClientSecret,
        });
        using var tokenResponse = await http.PostAsync(new Uri(org.Url.ToString().TrimEnd('/') + "/services/oauth2/token"), form);
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var instance = token.RootElement.GetProperty("instance_url").GetString()!.TrimEnd('/');
        var bearer = token.RootElement.GetProperty("access_token").GetString()!;
        async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? body = null, bool mustSucceed = true)
        {
            using var request = new HttpRequestMessage(method, new Uri(instance + path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            request.Headers.TryAddWithoutValidation("Sforce-Query-Options", "batchSize=200");
            request.Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
            var response = await http.SendAsync(request);
            (response.IsSuccessStatusCode || !mustSucceed).ShouldBeTrue($"{method} {path}: {(int)response.StatusCode}");
            return response;
        }

        const string Api = "/services/data/v62.0/";
        var pages = 0;
        string? next = Api + "query?q=" + Uri.EscapeDataString("SELECT Id FROM Lead");
        while (next is not null)
        {
            pages++;
            using var page = JsonDocument.Parse(await (await Send(HttpMethod.Get, next)).Content.ReadAsStringAsync());
            next = page.RootElement.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        }

        // A write-back's parent lookup queries 300 ids at a time (8.2 KB of request line; 400 here, ≈ 11 KB): Salesforce allows 16,384 bytes (salesforce.md §5).
        var ids = string.Join(',', Enumerable.Range(0, 400).Select(i => $"'00Q{i:D15}'"));
        using var longQuery = await Send(HttpMethod.Get, Api + "queryAll?q=" + Uri.EscapeDataString($"SELECT Id, Status FROM Lead WHERE Id IN ({ids})"));
        using var describe = await Send(HttpMethod.Get, Api + "sobjects/Lead/describe");
        using var limits = await Send(HttpMethod.Get, Api + "limits");
        using var job = JsonDocument.Parse(await (await Send(HttpMethod.Post, Api + "jobs/query", """{"operation":"query","query":"SELECT Id FROM Lead"}""")).Content.ReadAsStringAsync());
        var id = job.RootElement.GetProperty("id").GetString()!;
        using var poll = await Send(HttpMethod.Get, Api + $"jobs/query/{id}");
        using var poll2 = await Send(HttpMethod.Get, Api + $"jobs/query/{id}");
        using var results = await Send(HttpMethod.Get, Api + $"jobs/query/{id}/results");
        using var collection = await Send(HttpMethod.Patch, Api + "composite/sobjects", """{"allOrNone":false,"records":[]}""", mustSucceed: false); // counted even when refused

        var counted = await ApiCallCounts.ReadAsync(http, sandbox.BaseUrl, org.Key, CallKinds.Salesforce, default) - before;

        pages.ShouldBeGreaterThan(1); // 300 leads in pages of 200
        counted.ShouldBe(new ApiCallCounts(DataPages: pages + 3, Writes: 1, Metadata: 1, Tokens: 1, Other: 1, BulkPolls: 2));
    }

    private static long Long(JsonElement element, string name) => element.GetProperty(name).GetInt64();
}
