using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using CrmExtensions.Testing.Builders;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Jobs.Tests;

/// <summary>Train → score → write back over a real SQLite store, with a job run recorded for each.</summary>
public sealed class PipelineJobsTests : IAsyncLifetime
{
    private static readonly ModelSpec Spec = new()
    {
        Name = DefaultModels.LeadConversion,
        Entity = "lead",
        Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] },
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-jobs-" + Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly OrgId _org = TestOrgs.Unique();
    private CrmStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        await _store.Records.UpsertAsync(_org, "lead", Leads(), null);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TrainScoreWriteBack_OpenLeads_GetScoreGradeReasonsOnceAndRunsAreRecorded()
    {
        var writer = new RecordingWriter();
        var decision = await new TrainJob(_store.Records, _store.Models, _store.JobRuns, _time).RunAsync(_org, Spec);
        var scored = await new ScoreJob(_store.Records, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, _time).RunAsync(_org, CrmKind.Dataverse, Spec);
        var writeBack = WriteBack();
        var first = await writeBack.RunAsync(_org, CrmKind.Dataverse, "lead", writer);
        var second = await writeBack.RunAsync(_org, CrmKind.Dataverse, "lead", writer);

        decision.Promoted.ShouldBeTrue();
        decision.Registered.Metrics.Values["auc"].ShouldBeGreaterThan(0.7);
        scored.Scored.ShouldBe(100);
        first[WriteStatus.Written].ShouldBe(100);
        second[WriteStatus.SkippedUnchanged].ShouldBe(100);
        second.WriterCalls.ShouldBe(0);
        var update = writer.Updates.First();
        update.Fields.Keys.ShouldBe(["crmx_score", "crmx_grade", "crmx_reasons", "crmx_scoredon"], ignoreOrder: true);
        ((LongTextValue)update.Fields["crmx_reasons"]!).Value.ShouldNotBeEmpty();
        var grade = update.Fields["crmx_grade"].ShouldBeOfType<OptionValue>();
        OutputCatalogue.Grades.ShouldContain(g => g.DataverseValue.ToString(System.Globalization.CultureInfo.InvariantCulture) == grade.Value && g.Label == grade.Label);
        var runs = await _store.JobRuns.ListAsync(_org, null, 10);
        runs.Select(r => r.Job).ShouldBe(["writeback:lead", "writeback:lead", "score:lead-conversion", "train:lead-conversion"], ignoreOrder: true);
        runs.ShouldAllBe(r => r.Status == JobStatus.Succeeded);
    }

    [Fact]
    public async Task Score_ShiftedOpenLeads_StoresDriftWithTheRunAndNamesTheDriftedField()
    {
        await new TrainJob(_store.Records, _store.Models, _store.JobRuns, _time).RunAsync(_org, Spec);
        var score = new ScoreJob(_store.Records, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, _time, _store.Drift);
        var steady = await score.RunAsync(_org, CrmKind.Dataverse, Spec);

        // The open leads' companies grow tenfold: the size distribution moves, the source mix does not.
        var open = new List<CrmRecord>();
        await foreach (var stored in _store.Records.ReadAsync(new RecordQuery(_org, "lead")))
        {
            if (stored.Record["statecode"] is OptionValue { Value: "0" })
            {
                var builder = new RecordBuilder(_org, "lead", stored.Record.Id).ModifiedOn(_time.GetUtcNow());
                foreach (var (field, value) in stored.Record.Values)
                {
                    builder.With(field, field == "numberofemployees" ? new NumberValue((((NumberValue)value!).Value * 10) + 2000) : value);
                }

                open.Add(builder.Build());
            }
        }

        await _store.Records.UpsertAsync(_org, "lead", open, null);
        _time.Advance(TimeSpan.FromHours(1));
        var shifted = await score.RunAsync(_org, CrmKind.Dataverse, Spec);

        // The baseline is the open leads as of training, not the closed leads it learnt from: the first run measures
        // the same population (no field drifts, lead age included); the second sees only the size change.
        steady.Drift.ShouldAllBe(d => !d.Drifted);
        steady.Drift.ShouldNotBeEmpty();
        shifted.Drift.Single(d => d.Field == "numberofemployees").Drifted.ShouldBeTrue();
        shifted.Drift.Single(d => d.Field == "leadsourcecode").Drifted.ShouldBeFalse();
        shifted.DriftSummary.ShouldContain("numberofemployees (PSI ");
        var measured = await _store.Drift.ListAsync(_org, Spec.Name, 10);
        measured.Count.ShouldBe(2);
        measured[0].Rows.ShouldBe(100);
        measured[0].Features.Single(d => d.Field == "numberofemployees").Drifted.ShouldBeTrue();
        var runs = await _store.JobRuns.ListAsync(_org, "score:lead-conversion", 10);
        runs.Select(r => r.Id).ShouldContain(measured[0].RunId!);
        runs.Single(r => r.Id == measured[0].RunId).Counts["driftedFeatures"].ShouldBe(measured[0].Features.Count(d => d.Drifted));
    }

    [Fact]
    public async Task Score_WithoutChampion_IsSkippedWithReason()
    {
        var result = await new ScoreJob(_store.Records, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, _time).RunAsync(_org, CrmKind.Dataverse, Spec);

        result.Scored.ShouldBe(0);
        result.Skipped.ShouldNotBeNull().ShouldContain("no champion");
    }

    [Fact]
    public async Task WriteBack_WriterFails_RunIsPartialWithReason()
    {
        await new TrainJob(_store.Records, _store.Models, _store.JobRuns, _time).RunAsync(_org, Spec);
        await new ScoreJob(_store.Records, _store.Models, _store.Outputs, OutputCatalogue.Default, _store.JobRuns, _time).RunAsync(_org, CrmKind.Dataverse, Spec);

        await WriteBack().RunAsync(_org, CrmKind.Dataverse, "lead", new RecordingWriter { Fail = true });

        var run = (await _store.JobRuns.ListAsync(_org, "writeback:lead", 1)).Single();
        run.Status.ShouldBe(JobStatus.Partial);
        run.Error.ShouldNotBeNull().ShouldContain("100 records of lead failed");
    }

    private WriteBackJob WriteBack() =>
        new(_store.Outputs, _store.Records, OutputCatalogue.Default, new WriteBackOptions(), _store.JobRuns, _time);

    // 400 closed leads whose qualification depends on source and size, plus 100 open ones.
    private List<CrmRecord> Leads()
    {
        var random = new Random(5);
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
                .With("numberofemployees", employees)
                .With("statecode", new OptionValue(state, state))
                .With("createdon", new DateTimeValue(_time.GetUtcNow().AddDays(-(500 - i))))
                .Build());
        }

        return leads;
    }

    private sealed class RecordingWriter : ICrmWriter
    {
        public List<RecordUpdate> Updates { get; } = [];

        public bool Fail { get; init; }

        public Task<IReadOnlyList<WriteOutcome>> WriteAsync(string table, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken = default)
        {
            Updates.AddRange(updates);
            return Task.FromResult<IReadOnlyList<WriteOutcome>>(
                [.. updates.Select(u => new WriteOutcome(u.RecordId, Fail ? WriteStatus.Failed : WriteStatus.Written, Fail ? "refused" : null))]);
        }
    }
}
