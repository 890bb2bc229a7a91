using BenchmarkDotNet.Attributes;
using CrmExtensions.Connectors.Salesforce;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Benchmarks;

/// <summary>
/// The Salesforce connector against the sandbox over real HTTP (issue 9): a full read of every lead through REST
/// queryAll paging and through a Bulk API 2.0 query job, and a write-back of one score per lead through sObject
/// collections and through one Bulk API 2.0 update job. Records/s = Scale / mean time; API calls per run are printed
/// once by the setup ("// API calls").
/// </summary>
[MemoryDiagnoser]
public class SalesforceConnectorBenchmark : IDisposable
{
    private RunningSandbox _sandbox = null!;
    private SalesforceConnector _rest = null!;
    private SalesforceConnector _bulk = null!;
    private List<string> _ids = [];
    private int _round;

    [Params(10_000)]
    public int Scale { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = Scale, Seed = 1, Salesforce = new SalesforceSettings { DailyApiRequests = 10_000_000 } });
        _rest = SalesforceConnector.Create(Options(bulkThreshold: 0));
        _bulk = SalesforceConnector.Create(Options(bulkThreshold: 2000));
        var restCalls = await CallsAsync(_rest, ReadRest);
        var bulkCalls = await CallsAsync(_bulk, ReadBulk);
        _ids = [];
        await foreach (var batch in _rest.Source.ReadAsync("Lead", null))
        {
            _ids.AddRange(batch.Records.Where(r => !r.Deleted).Select(r => r.Id));
        }

        var writeCalls = await CallsAsync(_rest, WriteRest);
        var bulkWriteCalls = await CallsAsync(_bulk, WriteBulk);
        Console.WriteLine($"// API calls for {Scale} leads ({_ids.Count} live): REST read {restCalls}, Bulk read {bulkCalls}, collection write {writeCalls}, Bulk write {bulkWriteCalls}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Dispose();
        await _sandbox.DisposeAsync();
    }

    public void Dispose()
    {
        _rest?.Dispose();
        _bulk?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public Task<int> ReadRest() => ReadAsync(_rest);

    [Benchmark]
    public Task<int> ReadBulk() => ReadAsync(_bulk);

    /// <summary>One score per live lead through sObject collections, a different value each round so every record is really written.</summary>
    [Benchmark]
    public Task<int> WriteRest() => WriteAsync(_rest);

    /// <summary>The same write as one Bulk API 2.0 update job.</summary>
    [Benchmark]
    public Task<int> WriteBulk() => WriteAsync(_bulk);

    private async Task<int> WriteAsync(SalesforceConnector connector)
    {
        var round = Interlocked.Increment(ref _round);
        var updates = _ids.Select((id, i) => new RecordUpdate("Lead", id, new Dictionary<string, FieldValue?> { ["CRMX_Score__c"] = new NumberValue((i + round) % 100) })).ToList();
        var outcomes = await connector.Writer.WriteAsync("Lead", updates);
        return outcomes.Count;
    }

    private static async Task<int> ReadAsync(SalesforceConnector connector)
    {
        var records = 0;
        await foreach (var batch in connector.Source.ReadAsync("Lead", null))
        {
            records += batch.Records.Count;
        }

        return records;
    }

    private static async Task<long> CallsAsync(SalesforceConnector connector, Func<Task<int>> run)
    {
        var before = connector.Usage.Calls;
        await run();
        return connector.Usage.Calls - before;
    }

    private SalesforceOptions Options(int bulkThreshold)
    {
        var options = new SalesforceOptions
        {
            LoginUrl = _sandbox.Orgs[0].Url,
            ClientId = _sandbox.Credentials.ClientId,
            ClientSecret = _sandbox.Credentials.ClientSecret,
            BulkQueryThreshold = bulkThreshold,
            BulkWriteThreshold = bulkThreshold,
            BulkJobRecords = 100_000,
            BulkPollInterval = TimeSpan.FromMilliseconds(50),
        };
        options.Objects.Add("Lead");
        return options;
    }
}
