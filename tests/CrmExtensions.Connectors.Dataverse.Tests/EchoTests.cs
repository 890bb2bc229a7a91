using CrmExtensions.Connectors.Common.Sync;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>Our write-back comes back through change tracking; it must be recognised and cause no further writes.</summary>
public sealed class EchoTests : IAsyncLifetime
{
    private static readonly OutputField Score = new("lead", "score", "Score", OutputFieldType.WholeNumber, "lead-score", OutputSlot.Score,
        "lead", SandboxFixture.OutputField, "Lead", "crmx_score__c") { Minimum = 0, Maximum = 100 };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-echo-" + Guid.NewGuid().ToString("n"));
    private RunningSandbox _sandbox = null!;
    private CrmStore _store = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 300, Seed = 3 });
        using var truth = new CrmTruth(_sandbox);
        await truth.AddIntegerColumnAsync("lead", SandboxFixture.OutputField);
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
    public async Task WriteBackThenSync_EchoesRecognised_ZeroFurtherWrites()
    {
        using var connector = DataverseConnector.Create(CrmTruth.Options(_sandbox, pageSize: 100));
        var org = (await connector.Source.CheckAsync()).Org!.Value;
        var sync = new SyncRunner(_store.Records, _store.Cursors)
        {
            Echoes = entity => new EchoDetector(new OutputCatalogue([Score]).ForTable(CrmKind.Dataverse, entity).Select(f => f.DataverseName), DataverseConnector.BookkeepingColumns),
        };
        (await sync.RunAsync(org, connector.Source, "lead", full: false)).Succeeded.ShouldBeTrue();
        var ids = await LeadIdsAsync(org, 40);
        var now = DateTimeOffset.UtcNow;
        await _store.Outputs.SaveAsync(org, [.. ids.Select((id, i) => new OutputValue("lead", id, SandboxFixture.OutputField, new NumberValue(10 + i), "lead-score", 1, now))]);
        var writeBack = new WriteBackRunner(_store.Outputs, _store.Records, new OutputCatalogue([Score]), new WriteBackOptions { BatchSize = 10 }, TimeProvider.System);
        var first = await writeBack.RunAsync(org, CrmKind.Dataverse, "lead", connector.Writer);
        // A person edits one of the written leads too: that is a real change, not an echo.
        using var truth = new CrmTruth(_sandbox);
        await truth.UpdateLeadAsync(ids[0], "Changed by a salesperson");

        var after = await sync.RunAsync(org, connector.Source, "lead", full: false);
        var callsBefore = connector.Usage.Calls;
        var second = await writeBack.RunAsync(org, CrmKind.Dataverse, "lead", connector.Writer);

        first[Common.Contracts.WriteStatus.Written].ShouldBe(40);
        after.Read.ShouldBe(40);
        after.Echoes.ShouldBe(39);
        after.Written.ShouldBe(1);
        (await _store.Records.GetAsync(org, "lead", ids[5]))![SandboxFixture.OutputField].ShouldBe(new NumberValue(15));
        second.WriterCalls.ShouldBe(0);
        second[Common.Contracts.WriteStatus.Written].ShouldBe(0);
        connector.Usage.Calls.ShouldBe(callsBefore);
    }

    [Fact]
    public void IsEcho_FeatureAndOutputChanged_IsNotAnEcho()
    {
        var detector = new EchoDetector(["crmx_score"], DataverseConnector.BookkeepingColumns);
        var org = OrgId.Parse(Guid.NewGuid().ToString());
        var id = Guid.NewGuid().ToString();
        var stored = CrmRecord.Create(org, "lead", id, DateTimeOffset.UnixEpoch, [new("subject", new TextValue("a")), new("crmx_score", null), new("modifiedon", null)]);
        var echo = CrmRecord.Create(org, "lead", id, DateTimeOffset.UnixEpoch.AddDays(1), [new("subject", new TextValue("a")), new("crmx_score", new NumberValue(7)), new("modifiedon", new DateTimeValue(DateTimeOffset.UnixEpoch.AddDays(1)))]);
        var both = CrmRecord.Create(org, "lead", id, DateTimeOffset.UnixEpoch.AddDays(1), [new("subject", new TextValue("b")), new("crmx_score", new NumberValue(7))]);
        var touch = CrmRecord.Create(org, "lead", id, DateTimeOffset.UnixEpoch.AddDays(1), [new("subject", new TextValue("a")), new("crmx_score", null), new("modifiedon", new DateTimeValue(DateTimeOffset.UnixEpoch.AddDays(1)))]);

        detector.IsEcho(stored, echo).ShouldBeTrue();
        detector.IsEcho(stored, both).ShouldBeFalse();
        detector.IsEcho(stored, touch).ShouldBeFalse();
        detector.IsEcho(null, echo).ShouldBeFalse();
    }

    private async Task<List<string>> LeadIdsAsync(OrgId org, int count)
    {
        var ids = new List<string>();
        await foreach (var stored in _store.Records.ReadAsync(new RecordQuery(org, "lead")))
        {
            ids.Add(stored.Record.Id);
            if (ids.Count == count)
            {
                break;
            }
        }

        return ids;
    }
}
