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
}
