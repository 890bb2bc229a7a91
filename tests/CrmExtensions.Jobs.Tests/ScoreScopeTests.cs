using System.Runtime.CompilerServices;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using CrmExtensions.Testing.Builders;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Jobs.Tests;

/// <summary>Targeted scoring reads only the named records; a sharded run stores the drift an unsharded run would.</summary>
public sealed class ScoreScopeTests : IAsyncLifetime
{
    private static readonly ModelSpec Spec = new()
    {
        Name = DefaultModels.LeadConversion,
        Entity = "lead",
        Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] },
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-scope-" + Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly OrgId _org = TestOrgs.Unique();
    private CrmStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        await _store.Records.UpsertAsync(_org, "lead", Leads(), null);
        await new TrainJob(_store.Records, _store.Models, _store.JobRuns, _time).RunAsync(_org, Spec);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Score_RecordsScope_ReadsOnlyTheNamedRecordsOfTheTable()
    {
        var counting = new CountingRecordStore(_store.Records);
        var score = new ScoreJob(counting, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, _time);

        var one = await score.RunAsync(_org, CrmKind.Dataverse, Spec, ScoreScope.Records(["L0450"]));
        var readForOne = counting.Read("lead");
        var three = await score.RunAsync(_org, CrmKind.Dataverse, Spec, ScoreScope.Records(["L0401", "L0499", "L0002"]));
        var readForThree = counting.Read("lead") - readForOne;
        var all = await score.RunAsync(_org, CrmKind.Dataverse, Spec);

        one.Scored.ShouldBe(1);
        readForOne.ShouldBe(1);

        // L0002 is closed: the store leaves it out (its label value) and it is not scored.
        three.Scored.ShouldBe(2);
        readForThree.ShouldBe(2);

        // A whole run reads the 100 open leads only: the 400 closed ones stay in the store.
        all.Scored.ShouldBe(100);
        (counting.Read("lead") - readForOne - readForThree).ShouldBe(100);
    }

    [Fact]
    public async Task Read_WithExclusion_LeavesOutRecordsHoldingTheValues_AndKeepsOthers()
    {
        var open = 0;
        await foreach (var stored in _store.Records.ReadAsync(new RecordQuery(_org, "lead") { Exclude = new RecordExclusion("statecode", ["1", "2"]) }))
        {
            stored.Record["statecode"].ShouldBe(new OptionValue("0", "0"));
            open++;
        }

        var ids = Enumerable.Range(0, 40).Select(i => $"L{i:D4}").ToList();
        var notSource2 = 0;
        await foreach (var stored in _store.Records.ReadAsync(new RecordQuery(_org, "lead") { Ids = ids }))
        {
            notSource2 += stored.Record["leadsourcecode"] is OptionValue { Value: "2" } ? 0 : 1;
        }

        var bySource = 0;
        await foreach (var stored in _store.Records.ReadAsync(new RecordQuery(_org, "lead") { Exclude = new RecordExclusion("leadsourcecode", [" 2 "]), Ids = ids }))
        {
            stored.Record["leadsourcecode"].ShouldNotBe(new OptionValue("2", "Source 2"));
            bySource++;
        }

        open.ShouldBe(100);
        notSource2.ShouldBeLessThan(40);
        bySource.ShouldBe(notSource2);
    }

    [Fact]
    public async Task Score_ShardedRun_StoresTheDriftOfTheUnshardedRun()
    {
        var score = new ScoreJob(_store.Records, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, _time, _store.Drift);
        var whole = await score.RunAsync(_org, CrmKind.Dataverse, Spec);
        var unsharded = (await _store.Drift.ListAsync(_org, Spec.Name, 10)).Single();

        // Three shards by id range, their results through the JSON a shard stores, merged when the last completes.
        var ranges = new[] { (null, "L0420"), ("L0420", "L0470"), ((string?)"L0470", (string?)null) };
        var shards = new List<ShardDrift>();
        foreach (var (from, to) in ranges)
        {
            var shard = await score.RunAsync(_org, CrmKind.Dataverse, Spec, ScoreScope.Shard(from, to));
            shard.Scored.ShouldBeGreaterThan(0);
            shards.Add(ShardDrift.FromJson(ShardDrift.ToJson(shard)).ShouldNotBeNull());
        }

        (await _store.Drift.ListAsync(_org, Spec.Name, 10)).Count.ShouldBe(1, "a shard stores no drift of its own");
        _time.Advance(TimeSpan.FromMinutes(1));
        var merged = await score.SaveShardedDriftAsync(_org, Spec, "run-1", shards);

        merged.ShouldNotBeNull();
        merged.Rows.ShouldBe(whole.Scored);
        merged.Features.Select(f => f.Field).ShouldBe(unsharded.Features.Select(f => f.Field));
        foreach (var (sharded, single) in merged.Features.Zip(unsharded.Features))
        {
            sharded.Psi.ShouldBe(single.Psi, 1e-12, sharded.Field);
            sharded.Drifted.ShouldBe(single.Drifted);
        }

        // A single shard is not the population: its PSI differs, so the merge above is what made them equal.
        var lone = await score.SaveShardedDriftAsync(_org, Spec, "run-2", [shards[0]]);
        lone!.Features.Zip(unsharded.Features).ShouldContain(p => Math.Abs(p.First.Psi - p.Second.Psi) > 1e-9);
        var stored = await _store.Drift.ListAsync(_org, Spec.Name, 10);
        stored.Select(d => d.RunId).ShouldContain("run-1");
    }

    [Fact]
    public async Task SaveShardedDrift_ShardsOfDifferentVersions_SavesNothing()
    {
        var score = new ScoreJob(_store.Records, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, _time, _store.Drift);
        var shard = await score.RunAsync(_org, CrmKind.Dataverse, Spec, ScoreScope.Shard(null, null));
        var drift = ShardDrift.FromJson(ShardDrift.ToJson(shard))!;

        var saved = await score.SaveShardedDriftAsync(_org, Spec, "run-3", [drift, drift with { Version = drift.Version + 1 }]);

        saved.ShouldBeNull();
        (await _store.Drift.ListAsync(_org, Spec.Name, 10)).ShouldBeEmpty();
    }

    // 400 closed leads whose qualification depends on source and size, plus 100 open ones (ids L0400–L0499).
    private List<CrmRecord> Leads()
    {
        var random = new Random(11);
        var leads = new List<CrmRecord>();
        for (var i = 0; i < 500; i++)
        {
            var source = random.Next(4);
            var employees = random.Next(1, 1000);
            var p = 1 / (1 + Math.Exp(-(-1 + (source == 2 ? 2 : 0) + employees / 400.0 + (random.NextDouble() - 0.5))));
            var state = i >= 400 ? "0" : random.NextDouble() < p ? "1" : "2";
            leads.Add(new RecordBuilder(_org, "lead", $"L{i:D4}")
                .ModifiedOn(_time.GetUtcNow().AddDays(-i % 200))
                .With("leadsourcecode", new OptionValue(source.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Source {source}"))
                .With("numberofemployees", i >= 400 ? employees * 3 : employees)
                .With("statecode", new OptionValue(state, state))
                .With("createdon", new DateTimeValue(_time.GetUtcNow().AddDays(-(500 - i))))
                .Build());
        }

        return leads;
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
