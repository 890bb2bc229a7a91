using CrmExtensions.Connectors.Common.Sync;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>Tables without change tracking: hard deletes are found by a periodic id-only read.</summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-recon-" + Guid.NewGuid().ToString("n"));
    private RunningSandbox _sandbox = null!;
    private CrmStore _store = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 40, Seed = 5 });
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Sync_HardDeleteOnTableWithoutChangeTracking_TombstonedOnlyOnceTheIntervalPassed()
    {
        using var truth = new CrmTruth(_sandbox);
        var doomed = await truth.CreateAsync("subjects", """{"title":"Doomed category"}""");
        var kept = await truth.CreateAsync("subjects", """{"title":"Kept category"}""");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = CrmTruth.Options(_sandbox, pageSize: 3);
        options.Tables.Clear();
        options.Tables.Add("subject");
        options.IdReconciliationInterval = TimeSpan.FromHours(6);
        using var transport = new RecordingHandler();
        using var connector = DataverseConnector.Create(options, transport, clock);
        var org = (await connector.Source.CheckAsync()).Org!.Value;
        var sync = new SyncRunner(_store.Records, _store.Cursors, clock);
        (await sync.RunAsync(org, connector.Source, "subject", full: false)).Full.ShouldBeTrue();
        await truth.DeleteAsync($"subjects({doomed})");

        clock.Advance(TimeSpan.FromHours(5));
        var early = await sync.RunAsync(org, connector.Source, "subject", full: false);
        var stillLive = (await _store.Records.GetAsync(org, "subject", doomed))!.Deleted;
        clock.Advance(TimeSpan.FromHours(2));
        var due = await sync.RunAsync(org, connector.Source, "subject", full: false);
        var idPagesAfterDue = IdPages(transport);
        var next = await sync.RunAsync(org, connector.Source, "subject", full: false);

        early.Deleted.ShouldBe(0);
        stillLive.ShouldBeFalse();
        due.Succeeded.ShouldBeTrue(due.Error);
        due.Deleted.ShouldBe(1);
        (await _store.Records.GetAsync(org, "subject", doomed))!.Deleted.ShouldBeTrue();
        (await _store.Records.GetAsync(org, "subject", kept))!.Deleted.ShouldBeFalse();
        (await LiveIdsAsync(org)).ShouldBe((await truth.RowAsync("subjects?$select=subjectid")).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("subjectid").GetString()!).Order(StringComparer.Ordinal));
        idPagesAfterDue.ShouldBeGreaterThan(1);
        next.Deleted.ShouldBe(0);
        IdPages(transport).ShouldBe(idPagesAfterDue);
    }

    // The id-only read selects the key alone: subjects?$select=subjectid (and its next links, which carry the same query).
    private static int IdPages(RecordingHandler transport) => transport.Urls.Count(u => u.Contains("/subjects?%24select=subjectid", StringComparison.Ordinal) || u.Contains("/subjects?$select=subjectid", StringComparison.Ordinal));

    private async Task<List<string>> LiveIdsAsync(OrgId org)
    {
        var ids = new List<string>();
        await foreach (var stored in _store.Records.ReadAsync(new RecordQuery(org, "subject")))
        {
            if (!stored.Record.Deleted)
            {
                ids.Add(stored.Record.Id);
            }
        }

        return ids;
    }
}
