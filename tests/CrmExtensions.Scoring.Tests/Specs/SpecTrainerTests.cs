using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Tests.Specs;

public sealed class SpecTrainerTests
{
    internal static readonly ModelSpec Lead = new()
    {
        Name = "lead-conversion", Entity = "lead", Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] },
    };

    internal static readonly SpecTrainingOptions Quick = new()
    {
        Training = new TrainingOptions { LeafCandidates = [8], MaxIterations = 100, LinearL2Candidates = [1f] },
        SecuredFields = new HashSet<string>(["salarysecret"], StringComparer.OrdinalIgnoreCase),
    };

    [Fact]
    public void Train_EnoughClosedLeads_TrainsOnClosedOnlyAndMeasuresNewestHoldout()
    {
        var records = LeadRecords.Create(1500, seed: 1);
        var closed = records.Count(r => SpecLabels.Of(Lead, r) is 0 or 1);

        var result = SpecTrainer.Train(Lead, records, Quick);

        result.Status.ShouldBe(TrainingStatus.Trained);
        (result.TrainRows + result.Holdout.Count).ShouldBe(closed);
        result.Metrics!.Split.ShouldStartWith("time: newest");
        result.Metrics.Values["auc"].ShouldBeGreaterThan(0.65);
        var newestTrain = records.Where(r => SpecLabels.Of(Lead, r) is 0 or 1).Except(result.Holdout).Max(r => r.ModifiedOn);
        result.Holdout.ShouldAllBe(r => r.ModifiedOn > newestTrain);
        result.Selection.Included.Select(f => f.Key).ShouldBe(["budgetamount", "createdon", "leadsourcecode", "numberofemployees"], ignoreOrder: true);
        var model = ScoringModel.Load(result.Artifact);
        model.Features.Keys.ShouldBe(["budgetamount", "createdon", "leadsourcecode", "numberofemployees"], ignoreOrder: true);
        model.Exclusions.Single(e => e.Field == "qualifyingopportunityid").Reason.ShouldNotBeNullOrEmpty();
        model.Description.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Train_TrainedModel_StoresTopFeaturesAsHoldoutSharesOfTheIncludedFields()
    {
        var result = SpecTrainer.Train(Lead, LeadRecords.Create(1500, seed: 3), Quick);

        var top = result.Metrics!.Details!.Value.GetProperty("topFeatures").EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Importance: f.GetProperty("importance").GetDouble())).ToList();
        top.Count.ShouldBeGreaterThan(1);
        top.Select(f => f.Name).ShouldBeSubsetOf(result.Selection.Included.Select(f => f.Key));
        top.Select(f => f.Importance).ShouldBeInOrder(SortDirection.Descending);
        top.ShouldAllBe(f => f.Importance > 0 && f.Importance <= 1);
        // Fewer fields than are stored: the shares of all of them add up to 1.
        top.Sum(f => f.Importance).ShouldBe(1, 1e-9);
        // The curves written before are still there.
        result.Metrics.Details.Value.GetProperty("roc").GetArrayLength().ShouldBeGreaterThan(2);
    }

    [Fact]
    public void Score_TrainedArtifact_GivesScoreGradeAndReasonsWithoutSecuredValues()
    {
        var records = LeadRecords.Create(1500, seed: 2);
        var result = SpecTrainer.Train(Lead, records, Quick with { SecuredFields = new HashSet<string>(["leadsourcecode"], StringComparer.OrdinalIgnoreCase) });
        var secured = Lead with { Sensitive = [] };
        result.Selection.Excluded.Single(e => e.Field == "leadsourcecode").Rule.ShouldBe("secured");

        var model = ScoringModel.Load(result.Artifact);
        var open = records.Where(r => SpecLabels.Of(secured, r) is double.NaN).ToList();
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var scores = model.ScoreStream(open, now, batchSize: 7).ToList();

        scores.Count.ShouldBe(open.Count);
        scores.Select(s => s.RecordId).ShouldBe(open.Select(r => r.Id));
        scores.ShouldAllBe(s => s.Score >= 0 && s.Score <= 100 && "ABCD".Contains(s.Grade!, StringComparison.Ordinal));
        scores.ShouldAllBe(s => s.Reasons.Length <= 2000 && !s.Reasons.Contains("Source", StringComparison.Ordinal));
        scores.ShouldAllBe(s => Math.Abs(s.Explanation.Bias + s.Explanation.Reasons.Sum(r => r.Contribution) - s.Explanation.Raw) < 1e-4);
    }

    [Fact]
    public void Score_AsOfTime_AgesDatesFromIt()
    {
        var records = LeadRecords.Create(1200, seed: 7);
        var model = ScoringModel.Load(SpecTrainer.Train(Lead, records, Quick).Artifact);
        var lead = records[^1];
        var created = ((CrmExtensions.Scoring.Records.DateTimeValue)lead["createdon"]!).Value;

        var later = model.Score(lead, created.AddDays(45));

        later.Explanation.Reasons.Single(r => r.Field == "createdon").Value.ShouldBe("45 days ago");
        model.Score(lead, created.AddDays(400)).Explanation.Reasons.Single(r => r.Field == "createdon").Value.ShouldBe("400 days ago");
    }

    [Fact]
    public void Score_FieldLabelsAndChoiceLabels_AreShownInReasons()
    {
        var records = LeadRecords.Create(1200, seed: 6);
        var options = Quick with { FieldLabels = new Dictionary<string, string> { ["leadsourcecode"] = "Lead source" } };
        var model = ScoringModel.Load(SpecTrainer.Train(Lead, records, options).Artifact);

        var scores = model.Score(records);

        scores.ShouldContain(s => s.Reasons.Contains("Lead source = Source ", StringComparison.Ordinal));
        scores.ShouldAllBe(s => !s.Reasons.Contains("leadsourcecode", StringComparison.Ordinal));
        scores.First(s => s.Reasons.Contains("Lead source", StringComparison.Ordinal)).ReasonsJson.ShouldContain("\"label\":\"Lead source\"");
    }

    [Fact]
    public void Train_FewClosedRecords_UsesPriorAndSaysWhatIsMissing()
    {
        var records = LeadRecords.Create(60, seed: 4, openShare: 0);

        var result = SpecTrainer.Train(Lead, records, Quick);

        result.Status.ShouldBe(TrainingStatus.Prior);
        result.StatusMessage.ShouldContain("50 of each are needed");
        result.StatusMessage.ShouldContain("more positive");
        var model = ScoringModel.Load(result.Artifact);
        model.IsPrior.ShouldBeTrue();
        var scores = model.Score(records);
        scores.ShouldAllBe(s => s.Score > 0 && s.Score < 100);
        scores.Select(s => s.Score).Distinct().Count().ShouldBeGreaterThan(1);
        scores.ShouldAllBe(s => Math.Abs(s.Explanation.Bias + s.Explanation.Reasons.Sum(r => r.Contribution) - s.Explanation.Raw) < 1e-9);
    }

    [Fact]
    public void Train_Regression_OnMoneyLabel_ReportsRegressionMetrics()
    {
        var records = LeadRecords.Create(800, seed: 5, openShare: 0);
        var spec = new ModelSpec { Name = "budget", Entity = "lead", Kind = ModelKind.Regression, Label = new LabelSpec { Field = "budgetamount" } };

        var result = SpecTrainer.Train(spec, records, Quick);

        result.Kind.ShouldBe(ModelKind.Regression);
        result.Metrics!.Values.Keys.ShouldContain("rmse");
        result.Selection.Excluded.Single(e => e.Field == "budgetamount").Rule.ShouldBe("label");
    }
}
