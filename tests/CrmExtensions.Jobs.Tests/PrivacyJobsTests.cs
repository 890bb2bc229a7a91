using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using CrmExtensions.Testing.Builders;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Jobs.Tests;

/// <summary>Erasure reaches training, and retention runs on its schedule, over a real SQLite store.</summary>
public sealed class PrivacyJobsTests : IAsyncLifetime
{
    private static readonly ModelSpec Spec = new()
    {
        Name = DefaultModels.LeadConversion,
        Entity = "lead",
        Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] },
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-privacy-" + Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly OrgId _org = TestOrgs.Unique();
    private CrmStore _store = null!;

    public async Task InitializeAsync() => _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Forget_ClosedLead_NextTrainingHasOneRowLessAndResyncDoesNotBringItBack()
    {
        var leads = Leads(300);
        await _store.Records.UpsertAsync(_org, "lead", leads, null);
        var train = new TrainJob(_store.Records, _store.Models, _store.JobRuns, _time);
        var before = (await train.RunAsync(_org, Spec)).Registered;
        var forgotten = leads.First(l => l["statecode"] is OptionValue { Value: "1" }).Id;

        await _store.Privacy.ForgetAsync(_org, "lead", forgotten, _time.GetUtcNow());
        await _store.Records.UpsertAsync(_org, "lead", leads, null);
        var after = (await train.RunAsync(_org, Spec)).Registered;

        (after.Metrics.TrainRows + after.Metrics.HoldoutRows).ShouldBe(before.Metrics.TrainRows + before.Metrics.HoldoutRows - 1);
        (await _store.Records.GetAsync(_org, "lead", forgotten)).ShouldBeNull();
    }

    [Fact]
    public async Task Retention_Daily_ClearsTombstoneValuesOnlyOnceDue()
    {
        await _store.Records.UpsertAsync(_org, "lead", Leads(3), null);
        await _store.Records.UpsertAsync(_org, "lead", [CrmRecord.Tombstone(_org, "lead", "L0000", _time.GetUtcNow())], null);
        var job = new RetentionJob(_store.Privacy, _store.JobRuns, _time, new RetentionPolicy { TombstoneValuesDays = 30 });
        var cleared = new List<long>();

        for (var day = 0; day < 35; day++)
        {
            cleared.Add((await job.RunAsync(_org)).TombstoneValues);
            _time.Advance(TimeSpan.FromDays(1));
        }

        // Values are kept while the tombstone is at most 30 days old: day 31 clears them, later runs find nothing left.
        cleared.IndexOf(1).ShouldBe(31);
        cleared.Sum().ShouldBe(1);
        var runs = await _store.JobRuns.ListAsync(_org, "retention", 100);
        runs.Count.ShouldBe(35);
        runs.ShouldAllBe(r => r.Status == JobStatus.Succeeded);
    }

    private List<CrmRecord> Leads(int count)
    {
        var random = new Random(9);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var source = random.Next(4);
            var state = random.NextDouble() < (source == 2 ? 0.7 : 0.3) ? "1" : "2";
            return new RecordBuilder(_org, "lead", $"L{i:D4}")
                .ModifiedOn(_time.GetUtcNow().AddDays(-1 - (i % 100)))
                .With("leadsourcecode", new OptionValue(source.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Source {source}"))
                .With("numberofemployees", random.Next(1, 1000))
                .With("statecode", new OptionValue(state, state))
                .Build();
        })];
    }
}
