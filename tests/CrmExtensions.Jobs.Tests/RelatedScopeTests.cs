using System.Globalization;
using System.Runtime.CompilerServices;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using CrmExtensions.Testing.Builders;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Jobs.Tests;

/// <summary>
/// A score run reads only the fields of related records its aggregates use, and a run over a few named records only their
/// related records: the aggregates (and so the scores and reasons) equal those of a run over the whole tables.
/// </summary>
public sealed class RelatedScopeTests : IAsyncLifetime
{
    private static readonly ModelSpec Spec = DefaultSpecs.For(CrmKind.Dataverse).Single(s => s.Name == DefaultModels.LeadConversion);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-related-" + Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly OrgId _org = TestOrgs.Unique();
    private readonly List<CrmRecord> _activities = [];
    private CrmStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var (leads, activities) = Data();
        _activities.AddRange(activities);
        await _store.Records.UpsertAsync(_org, "lead", leads, null);
        foreach (var table in activities.GroupBy(a => a.Entity))
        {
            await _store.Records.UpsertAsync(_org, table.Key, [.. table], null);
        }

        await new TrainJob(_store.Records, _store.Models, _store.JobRuns, _time).RunAsync(_org, Spec);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Score_NamedRecords_AggregatesEqualTheWholeTableRunsAndTheHandCount()
    {
        var model = await ChampionAsync();
        var named = new HashSet<string>(["l0401", "l0433", "l0467", "l0498"], StringComparer.Ordinal);
        var whole = await ScoresAsync(model, null);
        var subset = await ScoresAsync(model, named);

        subset.Keys.Order(StringComparer.Ordinal).ShouldBe(named.Order(StringComparer.Ordinal));
        foreach (var id in named)
        {
            subset[id].Score.ShouldBe(whole[id].Score, id);
            subset[id].ReasonsJson.ShouldBe(whole[id].ReasonsJson, id);
            subset[id].Explanation.Reasons.Select(r => (r.Field, r.Value)).ShouldBe(whole[id].Explanation.Reasons.Select(r => (r.Field, r.Value)), id);
        }

        // The model reads the activity counts, and they are the ones counted by hand from the generated activities.
        var now = CellDays(_time.GetUtcNow());
        var checkedCounts = 0;
        foreach (var id in named)
        {
            var reasons = subset[id].Explanation.Reasons.ToDictionary(r => r.Field, r => r.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var table in new[] { "task", "phonecall", "email" })
            {
                if (!reasons.TryGetValue($"{table}_90d_count", out var shown))
                {
                    continue;
                }

                var expected = _activities.Count(a => a.Entity == table && ((LookupValue)a["regardingobjectid"]!).Id == id
                    && CellDays(((DateTimeValue)a["createdon"]!).Value) is var day && day <= now && day > now - 90);
                shown.ShouldBe(expected.ToString(CultureInfo.InvariantCulture), $"{id} {table}");
                checkedCounts++;
            }
        }

        checkedCounts.ShouldBeGreaterThan(0, "the model should read at least one activity count");
    }

    [Fact]
    public async Task Score_NamedRecords_ReadsOnlyTheirRelatedRecords()
    {
        var counting = new CountingRecordStore(_store.Records);
        var score = new ScoreJob(counting, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, _time);

        var result = await score.RunAsync(_org, CrmKind.Dataverse, Spec, ScoreScope.Records(["l0401", "l0433"]));

        result.Scored.ShouldBe(2);
        var theirs = _activities.Count(a => ((LookupValue)a["regardingobjectid"]!).Id is "l0401" or "l0433");
        theirs.ShouldBeGreaterThan(0);
        (counting.Read("task") + counting.Read("phonecall") + counting.Read("email")).ShouldBe(theirs);
    }

    [Fact]
    public async Task Read_WithFieldsAndReference_ReturnsTheNamedFieldsOfTheReferencingRecordsOnly()
    {
        var ids = new[] { "l0005", "l0401" };
        var query = new RecordQuery(_org, "email")
        {
            Fields = ["RegardingObjectId", "createdon", "nosuchfield"],
            ReferencingAny = new RecordLookupFilter("regardingobjectid", ids),
        };

        var read = new List<CrmRecord>();
        await foreach (var stored in _store.Records.ReadAsync(query))
        {
            read.Add(stored.Record);
        }

        var expected = _activities.Where(a => a.Entity == "email" && ids.Contains(((LookupValue)a["regardingobjectid"]!).Id)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        expected.Count.ShouldBeGreaterThan(0);
        read.Select(r => r.Id).ShouldBe(expected.Select(e => e.Id));
        foreach (var (got, full) in read.Zip(expected))
        {
            got.Values.Keys.Order(StringComparer.OrdinalIgnoreCase).ShouldBe(["createdon", "regardingobjectid"]);
            got["regardingobjectid"].ShouldBe(full["regardingobjectid"]);
            got["createdon"].ShouldBe(full["createdon"]);
            got.ModifiedOn.ShouldBe(full.ModifiedOn);
        }
    }

    private async Task<ScoringModel> ChampionAsync()
    {
        var champion = (await _store.Models.ListAsync(_org, Spec.Name)).Single(m => m.Status == Scoring.Models.ModelStatus.Champion);
        return ScoringModel.Load(await _store.Models.ReadArtifactAsync(_org, Spec.Name, champion.Version));
    }

    private async Task<Dictionary<string, RecordScore>> ScoresAsync(ScoringModel model, IReadOnlySet<string>? only)
    {
        var scores = new Dictionary<string, RecordScore>(StringComparer.Ordinal);
        var query = new RecordQuery(_org, Spec.Entity) { Ids = only?.ToList() };
        await foreach (var score in SpecPipeline.ScoreAsync(_store.Records, model, Spec, query, only, _time.GetUtcNow()))
        {
            scores[score.RecordId] = score;
        }

        return scores;
    }

    private static double CellDays(DateTimeOffset at) => at.UtcTicks / (double)TimeSpan.TicksPerDay;

    // 400 closed leads whose outcome follows their activity (tasks and calls), 100 open ones (l0400–l0499); emails carry a
    // long body the aggregates never read. Activity dates spread over 200 days, some after a closed lead's decision.
    private (List<CrmRecord> Leads, List<CrmRecord> Activities) Data()
    {
        var random = new Random(5);
        var now = _time.GetUtcNow();
        var leads = new List<CrmRecord>();
        var activities = new List<CrmRecord>();
        var body = string.Concat(Enumerable.Repeat("A long email body that a score run never reads. ", 40));
        for (var i = 0; i < 500; i++)
        {
            var id = $"l{i:D4}";
            var busy = random.Next(0, 8);
            var state = i >= 400 ? "0" : random.NextDouble() < 1 / (1 + Math.Exp(2 - (busy * 0.7))) ? "1" : "2";
            leads.Add(new RecordBuilder(_org, "lead", id)
                .ModifiedOn(now.AddDays(-random.Next(0, 30)))
                .With("leadsourcecode", new OptionValue((i % 3).ToString(CultureInfo.InvariantCulture), $"Source {i % 3}"))
                .With("statecode", new OptionValue(state, state))
                .With("createdon", new DateTimeValue(now.AddDays(-(300 + (i % 50)))))
                .Build());
            for (var a = 0; a < busy * 2; a++)
            {
                var table = (a % 3) switch { 0 => "task", 1 => "phonecall", _ => "email" };
                var activity = new RecordBuilder(_org, table, $"{table[0]}{i:D4}-{a:D2}")
                    .ModifiedOn(now.AddDays(-random.Next(0, 200)))
                    .With("regardingobjectid", new LookupValue(id, "lead"))
                    .With("createdon", new DateTimeValue(now.AddDays(-random.Next(0, 200))))
                    .With("subject", $"Activity {a}");
                if (table == "email")
                {
                    activity.With("description", new LongTextValue(body));
                }

                activities.Add(activity.Build());
            }
        }

        return (leads, activities);
    }

    /// <summary>A decorator of the real store that counts the records each read hands out, per entity.</summary>
    private sealed class CountingRecordStore(IRecordStore inner) : IRecordStore
    {
        private readonly Dictionary<string, long> _read = new(StringComparer.Ordinal);

        public long Read(string entity) => _read.GetValueOrDefault(entity);

        public Task<UpsertResult> UpsertAsync(OrgId org, string entity, IReadOnlyCollection<CrmRecord> batch, SyncCursor? cursor, CancellationToken cancellationToken = default) =>
            inner.UpsertAsync(org, entity, batch, cursor, cancellationToken);

        public async IAsyncEnumerable<StoredRecord> ReadAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var stored in inner.ReadAsync(query, cancellationToken))
            {
                _read[query.Entity] = Read(query.Entity) + 1;
                yield return stored;
            }
        }

        public Task<CrmRecord?> GetAsync(OrgId org, string entity, string id, CancellationToken cancellationToken = default) =>
            inner.GetAsync(org, entity, id, cancellationToken);
    }
}
