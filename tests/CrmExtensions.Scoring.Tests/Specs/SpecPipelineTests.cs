using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Tests.Registry;

namespace CrmExtensions.Scoring.Tests.Specs;

public sealed class SpecPipelineTests
{
    [Fact]
    public async Task TrainThenScore_LeadsInStore_RegistersChampionAndScoresOnlyOpenLeads()
    {
        var leads = LeadRecords.Create(900, seed: 51, openShare: 0.2);
        var store = new InMemoryRecordStore(leads);
        var registry = new InMemoryModelRegistry();
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var (result, decision) = await SpecPipeline.TrainAndRegisterAsync(store, registry, LeadRecords.Org, SpecTrainerTests.Lead, now, SpecTrainerTests.Quick);
        var model = ScoringModel.Load(await registry.ReadArtifactAsync(LeadRecords.Org, result.Name, decision.Registered.Version));
        var scores = new List<RecordScore>();
        await foreach (var score in SpecPipeline.ScoreAsync(store, model, LeadRecords.Org, SpecTrainerTests.Lead, now, batchSize: 64))
        {
            scores.Add(score);
        }

        decision.Registered.Status.ShouldBe(ModelStatus.Champion);
        var open = leads.Where(r => ((OptionValue)r["statecode"]!).Value == "0").Select(r => r.Id).Order(StringComparer.Ordinal);
        scores.Select(s => s.RecordId).ShouldBe(open);
        var outputs = scores[0].ToOutputs(DefaultModels.LeadConversion, now);
        outputs.Select(o => o.Slot).ShouldBe([OutputSlot.Score, OutputSlot.Grade, OutputSlot.Reasons, OutputSlot.ScoredOn]);
        ((NumberValue)outputs[0].Value!).Value.ShouldBeInRange(0, 100);
    }
}
