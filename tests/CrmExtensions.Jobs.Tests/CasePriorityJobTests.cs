using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Store;
using CrmExtensions.Testing.Builders;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Jobs.Tests;

/// <summary>The priority model runs through the same case jobs and lands in its own catalogue fields.</summary>
public sealed class CasePriorityJobTests : IAsyncLifetime
{
    private static readonly string[] Words = ["printer", "invoice", "login", "shipment", "screen", "order", "account", "report", "network", "mobile"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-casepriority-" + Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly OrgId _org = TestOrgs.Unique();
    private readonly CaseSpec _spec = CaseSpecs.For(CrmKind.Dataverse).Single(s => s.Name == CaseSpecs.Priority) with
    {
        Classifier = new CaseClassifierOptions { Trainers = [CaseTrainerKind.AveragedPerceptron] },
    };

    private CrmStore _store = null!;
    private readonly List<string> _unset = [];

    public async Task InitializeAsync()
    {
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var random = new Random(5);
        (string Priority, string Text)[] kinds = [("High", "urgent outage everything is down"), ("Normal", "please help with a problem"), ("Low", "small question when convenient")];
        var records = new List<CrmRecord>();
        for (var i = 0; i < 150; i++)
        {
            var (priority, text) = kinds[i % 3];
            var id = Guid.NewGuid().ToString();
            var labelled = i < 120;
            if (!labelled)
            {
                _unset.Add(id);
            }

            records.Add(CrmRecord.Create(_org, "incident", id, _time.GetUtcNow(),
            [
                new("title", new TextValue($"{text} {Words[random.Next(Words.Length)]}")),
                new("description", new TextValue($"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}")),
                new("statecode", new OptionValue("0", "Active")),
                new("prioritycode", labelled ? new OptionValue((i % 3 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), priority) : null),
            ]));
        }

        await _store.Records.UpsertAsync(_org, "incident", records, null);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TrainScore_Priority_StoresOutputsUnderThePriorityFieldsForCasesWithoutAPriority()
    {
        var trained = await new CaseTrainJob(_store.Records, _store.Outputs, _store.Models, _store.JobRuns, _time).RunAsync(_org, _spec);
        var scored = await new CaseScoreJob(_store.Records, _store.Outputs, _store.Models, OutputCatalogue.Default, _store.JobRuns, _time)
            .RunAsync(_org, CrmKind.Dataverse, _spec);

        trained.Result.ShouldNotBeNull().Decision.Promoted.ShouldBeTrue();
        scored.Scored.ShouldBe(_unset.Count);
        var fields = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await foreach (var state in _store.Outputs.ReadAsync(_org, "incident"))
        {
            (fields.TryGetValue(state.Field, out var ids) ? ids : fields[state.Field] = []).Add(state.RecordId);
        }

        fields.Keys.Order(StringComparer.Ordinal).ShouldBe(
            ["crmx_priority", "crmx_priorityalternatives", "crmx_priorityconfidence", "crmx_priorityscoredon", "crmx_prioritytier"]);
        fields["crmx_prioritytier"].ShouldBe(_unset, ignoreOrder: true);
    }
}
