using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace CrmExtensions.Sandbox.Benchmarks;

/// <summary>
/// Full read of every lead through the Salesforce API over real HTTP (issue 8): REST query paging through
/// nextRecordsUrl, and a Bulk API 2.0 query job's CSV result sets. Records/s = Scale / mean time.
/// </summary>
[MemoryDiagnoser]
public class SalesforceReadBenchmark : IDisposable
{
    private const string Soql = "SELECT Id, Company, Status, IsConverted, SystemModstamp FROM Lead";

    private RunningSandbox _sandbox = null!;
    private HttpClient _http = null!;
    private string _data = string.Empty;

    [Params(100_000)]
    public int Scale { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = Scale, Seed = 1 });
        _http = new HttpClient();
        var instance = _sandbox.Orgs[0].Url.ToString().TrimEnd('/');
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = _sandbox.Credentials.ClientId, ["client_secret"] = _sandbox.Credentials.ClientSecret,
        });
        using var response = await _http.PostAsync(new Uri(instance + "/services/oauth2/token"), form);
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _data = instance + "/services/data/v62.0/";
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Dispose();
        await _sandbox.DisposeAsync();
    }

    public void Dispose()
    {
        _http?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public async Task<int> RestQueryAllLeads()
    {
        var rows = 0;
        var root = _sandbox.Orgs[0].Url.ToString().TrimEnd('/');
        Uri? next = new(_data + "query?q=" + Uri.EscapeDataString(Soql));
        while (next is not null)
        {
            using var stream = await _http.GetStreamAsync(next);
            using var page = await JsonDocument.ParseAsync(stream);
            rows += page.RootElement.GetProperty("records").GetArrayLength();
            next = page.RootElement.GetProperty("done").GetBoolean() ? null : new Uri(root + page.RootElement.GetProperty("nextRecordsUrl").GetString());
        }

        return rows;
    }

    [Benchmark]
    public async Task<int> BulkQueryAllLeads()
    {
        using var create = new StringContent(JsonSerializer.Serialize(new { operation = "query", query = Soql }), Encoding.UTF8, "application/json");
        using var created = await _http.PostAsync(new Uri(_data + "jobs/query"), create);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        _ = await _http.GetStringAsync(new Uri(_data + $"jobs/query/{id}")); // one poll completes the job
        var rows = 0;
        var locator = string.Empty;
        do
        {
            using var response = await _http.GetAsync(new Uri(_data + $"jobs/query/{id}/results?maxRecords=50000" + (locator.Length > 0 ? "&locator=" + locator : string.Empty)));
            var csv = await response.Content.ReadAsStringAsync();
            rows += csv.Count(c => c == '\n') - 1;
            locator = response.Headers.GetValues("Sforce-Locator").Single();
        }
        while (locator != "null");
        return rows;
    }
}
