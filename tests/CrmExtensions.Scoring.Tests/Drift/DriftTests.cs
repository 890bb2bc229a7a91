using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Tests.Specs;

namespace CrmExtensions.Scoring.Tests.Drift;

public sealed class DriftTests
{
    private static readonly Lazy<ScoringModel> Model = new(() =>
        ScoringModel.Load(SpecTrainer.Train(SpecTrainerTests.Lead, LeadRecords.Create(800, seed: 31), SpecTrainerTests.Quick).Artifact));

    [Fact]
    public void Drift_ShiftedBudget_FlagsOnlyThatField()
    {
        var shifted = LeadRecords.Create(600, seed: 32, budgetShift: 80_000);

        var drift = Model.Value.Drift(shifted);

        drift.Single(d => d.Field == "budgetamount").Drifted.ShouldBeTrue();
        drift.Single(d => d.Field == "leadsourcecode").Drifted.ShouldBeFalse();
        drift.Single(d => d.Field == "numberofemployees").Drifted.ShouldBeFalse();
        DriftSummary.Describe(drift).ShouldStartWith("Drifted: budgetamount (PSI ");
    }

    [Fact]
    public void Drift_SameDistribution_FlagsNothingButTime()
    {
        var fresh = LeadRecords.Create(600, seed: 33);

        var drift = Model.Value.Drift(fresh);

        drift.Where(d => d.Field != "createdon").ShouldAllBe(d => !d.Drifted && d.Psi < 0.1);
    }

    [Fact]
    public void DriftMeter_InChunks_EqualsWholeSampleAndCountsRows()
    {
        var shifted = LeadRecords.Create(600, seed: 34, budgetShift: 80_000);
        var meter = Model.Value.StartDrift();

        foreach (var chunk in shifted.Chunk(128))
        {
            Model.Value.Score(chunk, null, meter);
        }

        var whole = Model.Value.Drift(shifted);
        var streamed = meter.Result();
        meter.Rows.ShouldBe(600);
        streamed.Select(d => d.Field).ShouldBe(whole.Select(d => d.Field));
        for (var i = 0; i < whole.Count; i++)
        {
            streamed[i].Psi.ShouldBe(whole[i].Psi, 1e-9);
            streamed[i].Drifted.ShouldBe(whole[i].Drifted);
        }

        streamed.Single(d => d.Field == "budgetamount").Drifted.ShouldBeTrue();
    }

    [Fact]
    public void DriftMeter_NothingScored_MeasuresNothing()
    {
        var meter = Model.Value.StartDrift();

        meter.Rows.ShouldBe(0);
        meter.Result().ShouldBeEmpty();
    }
    [Fact]
    public void Baseline_WithAScoringTime_IsTheOpenRecordsThen_SoScoringThemAtThatTimeDriftsNothing()
    {
        // As in a real org, the open leads are the newest: the last quarter by creation date is still open.
        var all = LeadRecords.Create(1500, seed: 35, openShare: 0);
        var records = all.Select((r, i) => i < 1125 ? r : CrmRecord.Create(r.Org, r.Entity, r.Id, r.ModifiedOn,
            r.Values.ToDictionary(v => v.Key, v => v.Key == "statecode" ? new OptionValue("0", null) : v.Key == "qualifyingopportunityid" ? null : v.Value))).ToList();
        var now = all[^1].ModifiedOn.AddDays(1);
        var open = records.Skip(1125).ToList();
        var asOf = Enumerable.Repeat(now, open.Count).ToList();
        var fromTraining = ScoringModel.Load(SpecTrainer.Train(SpecTrainerTests.Lead, records, SpecTrainerTests.Quick).Artifact);
        var fromOpen = ScoringModel.Load(SpecTrainer.Train(SpecTrainerTests.Lead, records, SpecTrainerTests.Quick with { ScoringTime = now }).Artifact);

        var trainingMeter = fromTraining.StartDrift();
        fromTraining.Score(open, asOf, trainingMeter);
        var openMeter = fromOpen.StartDrift();
        fromOpen.Score(open, asOf, openMeter);

        // Against the closed leads it learnt from, lead age drifts on the very first run (and would never clear);
        // against the open leads as of training, nothing does.
        trainingMeter.Result().Single(d => d.Field == "createdon").Drifted.ShouldBeTrue();
        openMeter.Result().ShouldNotBeEmpty();
        openMeter.Result().ShouldAllBe(d => !d.Drifted && d.Psi < 1e-9);
    }

    [Fact]
    public void Baseline_WithAScoringTimeButFewOpenRecords_StaysTheTrainingRows()
    {
        var records = LeadRecords.Create(800, seed: 36, openShare: 0.05);
        var now = new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var open = records.Where(r => r["statecode"] is OptionValue { Value: "0" }).ToList();
        var model = ScoringModel.Load(SpecTrainer.Train(SpecTrainerTests.Lead, records, SpecTrainerTests.Quick with { ScoringTime = now }).Artifact);

        var meter = model.StartDrift();
        model.Score(open, Enumerable.Repeat(now, open.Count).ToList(), meter);

        open.Count.ShouldBeLessThan(DriftBaseline.MinimumRows);
        meter.Result().Single(d => d.Field == "createdon").Drifted.ShouldBeTrue();
    }
}
