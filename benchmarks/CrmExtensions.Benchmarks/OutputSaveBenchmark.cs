using BenchmarkDotNet.Attributes;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Benchmarks;

/// <summary>
/// Saving a rescoring's outputs: 30,000 values (10,000 leads × score, grade, reasons) in batches of 1,000, as the
/// score job's BatchOutputs flushes them, into a store that already holds the previous run — a third of the values
/// unchanged, a third changed, a third new. PostgreSQL runs when <c>CRMX_BENCH_POSTGRES</c> holds a connection string.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class OutputSaveBenchmark
{
    private const int Leads = 10_000;
    private const int SaveBatch = 1_000;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private OutputValue[][] _batches = [];
    private CrmStore? _store;
    private string _folder = string.Empty;
    private OrgId _org;

    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    [IterationSetup]
    public void Setup()
    {
        _org = OrgId.Parse(Guid.NewGuid().ToString());
        _folder = Path.Combine(Path.GetTempPath(), "crmx-bench-" + Guid.NewGuid().ToString("n"));
        var connectionString = Provider == "postgres" ? Environment.GetEnvironmentVariable("CRMX_BENCH_POSTGRES") : null;
        if (Provider == "postgres" && string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException("Set CRMX_BENCH_POSTGRES to benchmark PostgreSQL, or run with --filter '*sqlite*'.");
        }

        _store = CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder, ConnectionString = connectionString }).GetAwaiter().GetResult();
        var previous = Enumerable.Range(0, Leads * 2 / 3).SelectMany(i => Outputs(i, version: 1, T0)).ToArray();
        foreach (var batch in previous.Chunk(SaveBatch * 3))
        {
            _store.Outputs.SaveAsync(_org, batch).GetAwaiter().GetResult();
        }

        _batches = [.. Enumerable.Range(0, Leads).SelectMany(i => Outputs(i, version: i < Leads / 3 ? 1 : 2, T0.AddDays(1))).Chunk(SaveBatch * 3)];
    }

    [Benchmark]
    public async Task<int> SaveRescoring()
    {
        var changed = 0;
        foreach (var batch in _batches)
        {
            changed += await _store!.Outputs.SaveAsync(_org, batch);
        }

        return changed;
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

    // Version 1 and 2 give different values for the same lead, so a version-2 save of a version-1 lead is a change.
    private static IEnumerable<OutputValue> Outputs(int lead, int version, DateTimeOffset at)
    {
        var id = $"{lead:D8}-0000-0000-0000-000000000000";
        var score = (lead * 7 % 100) + (version - 1);
        yield return new OutputValue("lead", id, "crmx_score", new NumberValue(score), "lead-conversion", version, at);
        yield return new OutputValue("lead", id, "crmx_grade", new OptionValue(score >= 50 ? "A" : "C", null), "lead-conversion", version, at);
        yield return new OutputValue("lead", id, "crmx_reasons", new LongTextValue($"Budget above median (+{score % 13} points)\nSource: web"), "lead-conversion", version, at);
    }
}
