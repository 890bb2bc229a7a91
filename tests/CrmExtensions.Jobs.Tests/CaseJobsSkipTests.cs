using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using CrmExtensions.Testing.Builders;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Jobs.Tests;

/// <summary>Case jobs on an org that cannot have a model yet: the runs succeed, skipped, and say why.</summary>
public sealed class CaseJobsSkipTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-casejobs-" + Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly OrgId _org = TestOrgs.Unique();
    private readonly CaseSpec _spec = CaseSpecs.For(CrmKind.Dataverse)[0];
    private CrmStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        // Four agent-categorised cases in two categories: far below ten per category.
        var cases = Enumerable.Range(0, 4).Select(i => CrmRecord.Create(_org, "incident", Guid.NewGuid().ToString(), _time.GetUtcNow(),
        [
            new("title", new TextValue($"printer jam {i}")),
            new("casetypecode", new OptionValue(i % 2 == 0 ? "1" : "2", i % 2 == 0 ? "Question" : "Problem")),
        ])).ToArray();
        await _store.Records.UpsertAsync(_org, "incident", cases, null);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Train_TooFewLabelledCases_SkippedWithHowManyAreNeeded()
    {
        var result = await new CaseTrainJob(_store.Records, _store.Outputs, _store.Models, _store.JobRuns, _time).RunAsync(_org, _spec);

        result.Result.ShouldBeNull();
        result.Skipped.ShouldNotBeNull().ShouldContain("more needed");
        (await _store.Models.ListAsync(_org, _spec.Name)).ShouldBeEmpty();
        var run = (await _store.JobRuns.ListAsync(_org, "train:case-category", 1)).Single();
        run.Status.ShouldBe(JobStatus.Succeeded);
    }

    [Fact]
    public async Task Score_NoChampion_SkippedAndNothingStored()
    {
        var result = await new CaseScoreJob(_store.Records, _store.Outputs, _store.Models, OutputCatalogue.Default, _store.JobRuns, _time)
            .RunAsync(_org, CrmKind.Dataverse, _spec);

        result.Skipped.ShouldNotBeNull().ShouldContain("no champion");
        result.Scored.ShouldBe(0);
        var stored = 0;
        await foreach (var _ in _store.Outputs.ReadAsync(_org, "incident"))
        {
            stored++;
        }

        stored.ShouldBe(0);
    }
}
