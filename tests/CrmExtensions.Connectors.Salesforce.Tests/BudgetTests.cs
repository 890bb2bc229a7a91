using CrmExtensions.Connectors.Common.Sync;
using CrmExtensions.Connectors.Salesforce.Budget;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Store;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>The API-budget guard (salesforce.md §5): stop cleanly as partial at the configured share, resume later, retry the concurrency 403.</summary>
public sealed class BudgetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-sf-").FullName;

    [Theory]
    [InlineData("api-usage=10018/100000", 10018, 100000)]
    [InlineData("api-usage=18/15000; api-bursts=1/750", 18, 15000)]
    [InlineData("api-usage=17/250000; per-app-api-usage=17/250(appName=sample-connected-app)", 17, 250000)]
    public void ReadHeader_EveryDocumentedForm_ReadsUsage(string header, long used, long max)
    {
        var budget = new ApiBudget();

        budget.ReadHeader(header);

        budget.Used.ShouldBe(used);
        budget.Max.ShouldBe(max);
    }

    [Fact]
    public async Task Sync_ShareReached_StopsPartialWithResumeTimeThenResumesWithNothingLostOrDoubled()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 1500, Salesforce = new SalesforceSettings { DailyApiRequests = 100 } });
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var runner = new SyncRunner(store.Records, store.Cursors);
        var options = SfTruth.Options(sandbox);
        options.BudgetShare = 0.08;
        OrgId org;
        SyncResult partial;
        using (var connector = SalesforceConnector.Create(options))
        {
            org = (await connector.Source.CheckAsync()).Org!.Value;
            partial = await runner.RunAsync(org, connector.Source, "Lead", full: false);
            connector.Usage.Budget.Used.ShouldBeLessThanOrEqualTo(8 + 1, "stops within the share plus one call");
        }

        partial.Succeeded.ShouldBeFalse();
        partial.Error.ShouldNotBeNull();
        partial.Error.ShouldContain("partial: resumes at");
        partial.Batches.ShouldBeGreaterThan(0);

        options.BudgetShare = 1;
        using (var connector = SalesforceConnector.Create(options))
        {
            var rest = await runner.RunAsync(org, connector.Source, "Lead", full: false);
            rest.Error.ShouldBeNull();
        }

        using var truth = new SfTruth(sandbox);
        (await StoredAsync(store, org)).ShouldBe(await truth.RecordsAsync(), ignoreOrder: true);
    }

    [Fact]
    public async Task Read_DailyLimit403_EndsPartialWithoutRetrying()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 600, Salesforce = new SalesforceSettings { DailyApiRequests = 30 } });
        var options = SfTruth.Options(sandbox);
        options.BudgetShare = 1;
        using var connector = SalesforceConnector.Create(options);
        using var truth = new SfTruth(sandbox);
        var batches = 0;

        var error = await Should.ThrowAsync<SalesforceException>(async () =>
        {
            await foreach (var batch in connector.Source.ReadAsync("Lead", null))
            {
                // Another worker spends the rest of the day's budget behind the connector's back.
                if (++batches == 1)
                {
                    for (var i = 0; i < 30; i++)
                    {
                        try
                        {
                            await truth.QueryAsync("SELECT Id FROM Lead LIMIT 1");
                        }
                        catch (ShouldAssertException)
                        {
                            break;
                        }
                    }
                }
            }
        });

        error.Kind.ShouldBe(FailureKind.Budget);
        error.Message.ShouldStartWith("partial: resumes at");
        connector.Usage.Retries.ShouldBe(0);
    }

    [Fact]
    public async Task Read_ConcurrentRequest403_IsRetriedAndNotTakenForTheDailyLimit()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = 10, Salesforce = new SalesforceSettings { ConcurrentLongRunningRequests = 0 },
        });
        var options = SfTruth.Options(sandbox);
        options.MaxRetries = 2;
        using var connector = SalesforceConnector.Create(options);

        var error = await Should.ThrowAsync<SalesforceException>(async () => await Reads.AllAsync(connector.Source, "Lead", null));

        error.Kind.ShouldBe(FailureKind.Transient);
        error.Code.ShouldBe("REQUEST_LIMIT_EXCEEDED");
        connector.Usage.Retries.ShouldBe(2);
    }

    [Fact]
    public async Task Sync_TwoWorkersOnOneOrg_StopWithinTheShareAndOneCallEach()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 3000, Salesforce = new SalesforceSettings { DailyApiRequests = 200 } });
        var options = SfTruth.Options(sandbox);
        options.BudgetShare = 0.1;
        using var a = SalesforceConnector.Create(options);
        using var b = SalesforceConnector.Create(options);

        var errors = await Task.WhenAll(DrainAsync(a), DrainAsync(b));

        errors.ShouldAllBe(e => e != null && e.Kind == FailureKind.Budget);
        using var truth = new SfTruth(sandbox);
        var limits = await truth.LimitsAsync();
        // The limits call itself counts once; each worker may have had one call in flight when the other crossed the share.
        (limits.Max - limits.Remaining - 1).ShouldBeLessThanOrEqualTo(20 + 2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public async Task WriteBack_TwoWorkersOnOneOrg_StopWithinTheShareAndOneBatchEach(int bulkThreshold)
    {
        // 400 calls a day, share 0.1: the workers may spend 40 between them, plus the one batch each may have in flight.
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 3000, Salesforce = new SalesforceSettings { DailyApiRequests = 400 } });
        using var truth = new SfTruth(sandbox);
        var ids = (await truth.RecordsAsync()).Keys.Order(StringComparer.Ordinal).ToList();
        var options = SfTruth.Options(sandbox);
        options.BudgetShare = 0.1;
        options.BulkWriteThreshold = bulkThreshold;
        options.BulkPollInterval = TimeSpan.FromMilliseconds(10);
        options.WriteBatchSize = 50;
        using var a = SalesforceConnector.Create(options);
        using var b = SalesforceConnector.Create(options);
        var before = await truth.LimitsAsync();

        // Each worker writes its half in slices of 400 (eight collection calls of 50, or one Bulk job: create, upload,
        // close, polls, successful and failed results) until the budget stops it.
        var halves = await Task.WhenAll(WriteAllAsync(a, ids.Where((_, i) => i % 2 == 0).ToList()), WriteAllAsync(b, ids.Where((_, i) => i % 2 == 1).ToList()));

        var after = await truth.LimitsAsync();
        // A Bulk job: five calls and its polls (waits doubling from 10 ms: at most 12 polls within 40 s of processing).
        var perBatch = bulkThreshold == 0 ? 1 : 5 + 12;
        (after.Max - after.Remaining - 1).ShouldBeLessThanOrEqualTo(40 + (2 * perBatch), $"used before: {before.Max - before.Remaining}");
        var outcomes = halves.SelectMany(h => h).ToList();
        outcomes.Select(o => o.RecordId).ShouldBe(ids, ignoreOrder: true);
        outcomes.ShouldContain(o => o.Status == Common.Contracts.WriteStatus.Written);
        var stopped = outcomes.Where(o => o.Status == Common.Contracts.WriteStatus.Failed).ToList();
        stopped.Count.ShouldBeGreaterThan(ids.Count / 4);
        stopped.ShouldAllBe(o => o.Reason!.StartsWith("partial: resumes at", StringComparison.Ordinal));
        if (bulkThreshold == 0)
        {
            // A stopped collection call was never sent. (A Bulk job stopped between close and its results may have
            // written its rows; they are reported failed and written again next run, which changes nothing.)
            foreach (var id in stopped.TakeLast(3).Select(o => o.RecordId))
            {
                SfTruth.Value(await truth.RecordAsync("Lead", id), "CRMX_Score__c").ShouldNotBe(new NumberValue(77));
            }
        }
    }

    private static async Task<List<Common.Contracts.WriteOutcome>> WriteAllAsync(SalesforceConnector connector, List<string> ids)
    {
        var outcomes = new List<Common.Contracts.WriteOutcome>();
        foreach (var slice in ids.Chunk(400))
        {
            outcomes.AddRange(await connector.Writer.WriteAsync("Lead", [.. slice.Select(id => new Scoring.Outputs.RecordUpdate("Lead", id,
                new Dictionary<string, FieldValue?>(StringComparer.OrdinalIgnoreCase) { ["CRMX_Score__c"] = new NumberValue(77) }))]));
        }

        return outcomes;
    }

    private static async Task<SalesforceException?> DrainAsync(SalesforceConnector connector)
    {
        try
        {
            await Reads.AllAsync(connector.Source, "Lead", null);
            return null;
        }
        catch (SalesforceException error)
        {
            return error;
        }
    }

    private static async Task<Dictionary<string, DateTimeOffset>> StoredAsync(CrmStore store, OrgId org)
    {
        var stored = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var r in store.Records.ReadAsync(new Scoring.Storage.RecordQuery(org, "Lead")))
        {
            if (!r.Record.Deleted)
            {
                stored.Add(r.Record.Id, r.Record.ModifiedOn);
            }
        }

        return stored;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
