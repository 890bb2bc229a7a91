using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using CrmExtensions.Testing.Builders;
using CrmExtensions.Testing.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Connectors.Common.Tests;

public sealed class WriteBackRunnerTests : IAsyncLifetime
{
    private static readonly OrgId Org = TestOrgs.Production;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-wb-" + Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeCrm _crm = new(Org, "lead", records: 25, pageSize: 10);
    private CrmStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        await new Sync.SyncRunner(_store.Records, _store.Cursors).RunAsync(Org, new FakeCrmSource(_crm), "lead", full: false);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Run_FirstThenAgainUnchanged_WritesAllOnceThenMakesNoCalls()
    {
        await Score(_ => 50, "B");

        var first = await Runner(batchSize: 10).RunAsync(Org, CrmKind.Dataverse, "lead", new FakeCrmWriter(_crm));
        var callsAfterFirst = _crm.WriteCalls;
        var second = await Runner(batchSize: 10).RunAsync(Org, CrmKind.Dataverse, "lead", new FakeCrmWriter(_crm));

        first[WriteStatus.Written].ShouldBe(25);
        first.WriterCalls.ShouldBe(3);
        callsAfterFirst.ShouldBe(3);
        _crm.Get("lead-000007")!["crmx_score"].ShouldBe(new NumberValue(50));
        _crm.Get("lead-000007")!["crmx_grade"].ShouldBe(new OptionValue("B", "B"));
        second[WriteStatus.SkippedUnchanged].ShouldBe(25);
        second.WriterCalls.ShouldBe(0);
        _crm.WriteCalls.ShouldBe(3);
    }

    [Fact]
    public async Task Run_RetrainMovesScoresLessThanThreshold_WritesNothing()
    {
        await Score(_ => 50, "B");
        await Runner().RunAsync(Org, CrmKind.Dataverse, "lead", new FakeCrmWriter(_crm));
        var calls = _crm.WriteCalls;
        _time.Advance(TimeSpan.FromDays(1));

        await Score(i => i % 2 == 0 ? 52 : 47, "B");
        var result = await Runner().RunAsync(Org, CrmKind.Dataverse, "lead", new FakeCrmWriter(_crm));

        result[WriteStatus.SkippedImmaterial].ShouldBe(25);
        _crm.WriteCalls.ShouldBe(calls);
    }

    [Fact]
    public async Task Run_SomeScoresMoveMateriallyOrChangeGrade_WritesOnlyThoseInOneUpdateEach()
    {
        await Score(_ => 50, "B");
        await Runner().RunAsync(Org, CrmKind.Dataverse, "lead", new FakeCrmWriter(_crm));

        await Score(i => i < 3 ? 70 : 51, "B", gradeOf: i => i == 5 ? "A" : "B");
        var result = await Runner().RunAsync(Org, CrmKind.Dataverse, "lead", new FakeCrmWriter(_crm));

        result[WriteStatus.Written].ShouldBe(4);
        result[WriteStatus.SkippedImmaterial].ShouldBe(21);
        result.WriterCalls.ShouldBe(1);
        _crm.Get("lead-000001")!["crmx_score"].ShouldBe(new NumberValue(70));
        _crm.Get("lead-000005")!["crmx_grade"].ShouldBe(new OptionValue("A", "A"));
        _crm.Get("lead-000010")!["crmx_score"].ShouldBe(new NumberValue(50));
    }

    [Fact]
    public async Task Run_RecordDeletedInCrm_IsSkippedWithoutACall()
    {
        await Score(_ => 50, "B");
        _crm.Delete("lead-000000");
        await new Sync.SyncRunner(_store.Records, _store.Cursors).RunAsync(Org, new FakeCrmSource(_crm), "lead", full: false);

        var result = await Runner(batchSize: 100).RunAsync(Org, CrmKind.Dataverse, "lead", new FakeCrmWriter(_crm));

        result[WriteStatus.SkippedRecordGone].ShouldBe(1);
        result[WriteStatus.Written].ShouldBe(24);
    }

    [Fact]
    public async Task Run_WriterFailsARecord_RetriesItNextRun()
    {
        await Score(_ => 50, "B");
        var failing = new FailingWriter(new FakeCrmWriter(_crm), "lead-000003");

        var first = await Runner().RunAsync(Org, CrmKind.Dataverse, "lead", failing);
        var second = await Runner().RunAsync(Org, CrmKind.Dataverse, "lead", new FakeCrmWriter(_crm));

        first[WriteStatus.Failed].ShouldBe(1);
        second[WriteStatus.Written].ShouldBe(1);
        second[WriteStatus.SkippedUnchanged].ShouldBe(24);
    }

    [Fact]
    public async Task Run_PersonSetAFieldWeAlsoFill_KeepsThePersonsValue()
    {
        var org = TestOrgs.Unique();
        var agentSet = new RecordBuilder(org, "incident", "case-1").With("crmx_category", "Billing").Build();
        await _store.Records.UpsertAsync(org, "incident", [agentSet], null);
        await _store.Outputs.SaveAsync(org,
        [
            new OutputValue("incident", "case-1", "crmx_category", new TextValue("Shipping"), DefaultModels.CaseCategory, 1, _time.GetUtcNow()),
            new OutputValue("incident", "case-1", "crmx_categoryconfidence", new NumberValue(91), DefaultModels.CaseCategory, 1, _time.GetUtcNow()),
        ]);
        var writer = new RecordingWriter();

        await Runner().RunAsync(org, CrmKind.Dataverse, "incident", writer);

        var update = writer.Updates.ShouldHaveSingleItem();
        update.Fields.Keys.ShouldBe(["crmx_categoryconfidence"]);
    }

    private WriteBackRunner Runner(int batchSize = 1000) =>
        new(_store.Outputs, _store.Records, OutputCatalogue.Default, new WriteBackOptions { BatchSize = batchSize }, _time);

    private async Task Score(Func<int, double> score, string grade, Func<int, string>? gradeOf = null)
    {
        var outputs = new List<OutputValue>();
        for (var i = 0; i < 25; i++)
        {
            var id = $"lead-{i:D6}";
            var g = gradeOf?.Invoke(i) ?? grade;
            outputs.Add(new OutputValue("lead", id, "crmx_score", new NumberValue(score(i)), DefaultModels.LeadConversion, 1, _time.GetUtcNow()));
            outputs.Add(new OutputValue("lead", id, "crmx_grade", new OptionValue(g, g), DefaultModels.LeadConversion, 1, _time.GetUtcNow()));
            outputs.Add(new OutputValue("lead", id, "crmx_scoredon", new DateTimeValue(_time.GetUtcNow()), DefaultModels.LeadConversion, 1, _time.GetUtcNow()));
        }

        await _store.Outputs.SaveAsync(Org, outputs);
    }

    private sealed class FailingWriter(ICrmWriter inner, string failId) : ICrmWriter
    {
        public async Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default)
        {
            var outcomes = await inner.WriteAsync(table, [.. updates.Where(u => u.RecordId != failId)], cancellationToken);
            return [.. outcomes, new WriteOutcome(failId, WriteStatus.Failed, "the CRM refused the update")];
        }
    }

    private sealed class RecordingWriter : ICrmWriter
    {
        public List<RecordUpdate> Updates { get; } = [];

        public Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default)
        {
            Updates.AddRange(updates);
            return Task.FromResult<IReadOnlyList<WriteOutcome>>([.. updates.Select(u => new WriteOutcome(u.RecordId, WriteStatus.Written))]);
        }
    }
}
