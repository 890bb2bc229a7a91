using BenchmarkDotNet.Attributes;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Store;

namespace CrmExtensions.Benchmarks;

/// <summary>
/// Upserting 100k lead-like records in batches of 5,000 (a Dataverse page) into a fresh store. PostgreSQL runs
/// when <c>CRMX_BENCH_POSTGRES</c> holds a connection string.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class StoreUpsertBenchmark
{
    private const int BatchSize = 5_000;
    private List<CrmRecord[]> _batches = [];
    private CrmStore? _store;
    private string _folder = string.Empty;
    private OrgId _org;

    [Params(100_000)]
    public int Records { get; set; }

    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    [IterationSetup]
    public void Setup()
    {
        _org = OrgId.Parse(Guid.NewGuid().ToString());
        var org = _org;
        var modified = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _batches = [.. Enumerable.Range(0, Records).Select(i => CrmRecord.Create(org, "lead", Guid.NewGuid().ToString(), modified.AddSeconds(i),
        [
            new("subject", new TextValue($"Interested in product {i % 97}")),
            new("companyname", new TextValue($"Company {i}")),
            new("revenue", new MoneyValue(i * 10.5m, "EUR", i * 11.2m)),
            new("numberofemployees", new NumberValue(i % 5000)),
            new("leadsourcecode", new OptionValue((i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), "Web")),
            new("createdon", new DateTimeValue(modified.AddDays(-i % 400))),
            new("parentaccountid", new LookupValue(Guid.NewGuid().ToString(), "account")),
        ])).Chunk(BatchSize)];
        _folder = Path.Combine(Path.GetTempPath(), "crmx-bench-" + Guid.NewGuid().ToString("n"));
        var connectionString = Provider == "postgres" ? Environment.GetEnvironmentVariable("CRMX_BENCH_POSTGRES") : null;
        if (Provider == "postgres" && string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException("Set CRMX_BENCH_POSTGRES to benchmark PostgreSQL, or run with --filter '*sqlite*'.");
        }

        _store = CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder, ConnectionString = connectionString }).GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> Upsert()
    {
        var written = 0;
        foreach (var batch in _batches)
        {
            written += (await _store!.Records.UpsertAsync(_org, "lead", batch, new("sync", written.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Written;
        }

        return written;
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
