using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CrmExtensions.Connectors.Common.Sync;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Store;

namespace CrmExtensions.Connectors.Dataverse.Benchmarks;

/// <summary>
/// Syncs 100k leads from the in-process Dataverse sandbox (HTTP on loopback) into a fresh SQLite store with page size
/// 5000, then an incremental sync after 2,000 simulated user changes. Records/s = Records / mean of FullSync. Each
/// iteration prints its API calls next to the minimum: WhoAmI + 2 metadata calls + currencies + ceil(rows / 5000) pages.
/// Run: dotnet run -c Release --project benchmarks/CrmExtensions.Connectors.Dataverse.Benchmarks -- --filter '*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class DataverseSyncBenchmark
{
    private const int Changes = 2_000;
    private RunningSandbox _sandbox = null!;
    private DataverseConnector _connector = null!;
    private CrmStore _store = null!;
    private string _folder = string.Empty;
    private OrgId _org;
    private long _callsBefore;

    [Params(100_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _sandbox = SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = Records, Seed = 11 }).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(FullSync))]
    public void FullSetup() => Open();

    [IterationSetup(Target = nameof(IncrementalSync))]
    public void IncrementalSetup()
    {
        Open();
        Sync().GetAwaiter().GetResult();
        _sandbox.SimulateAsync(_sandbox.Orgs[0].Key, Changes).GetAwaiter().GetResult();
        _callsBefore = _connector.Usage.Calls;
    }

    [IterationCleanup]
    public void Cleanup()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Dataverse API calls this iteration: {_connector.Usage.Calls - _callsBefore} (full-sync minimum {4 + ((Records + 4_999) / 5_000)}), retries {_connector.Usage.Retries}"));
        _connector.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<SyncResult> FullSync() => Sync();

    [Benchmark]
    public Task<SyncResult> IncrementalSync() => Sync();

    private void Open()
    {
        _folder = Path.Combine(Path.GetTempPath(), "crmx-dvbench-" + Guid.NewGuid().ToString("n"));
        _store = CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder }).GetAwaiter().GetResult();
        _connector = DataverseConnector.Create(new DataverseOptions
        {
            EnvironmentUrl = _sandbox.Orgs[0].Url,
            Authority = _sandbox.Credentials.Authority,
            ClientId = _sandbox.Credentials.ClientId,
            ClientSecret = _sandbox.Credentials.ClientSecret,
            Tables = { "lead" },
        });
        _org = OrgId.Parse(_sandbox.Orgs[0].OrganizationId.ToString());
        _callsBefore = 0;
    }

    private async Task<SyncResult> Sync()
    {
        var result = await new SyncRunner(_store.Records, _store.Cursors).RunAsync(_org, _connector.Source, "lead", full: false);
        return result.Succeeded ? result : throw new InvalidOperationException(result.Error);
    }
}
