using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Registry;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Tests.Specs;

namespace CrmExtensions.Scoring.Tests.Registry;

public sealed class ChampionSelectorTests
{
    private static readonly Lazy<(SpecTrainingResult Good, SpecTrainingResult Noise)> Runs = new(() =>
    {
        var records = LeadRecords.Create(1500, seed: 21);
        var good = SpecTrainer.Train(SpecTrainerTests.Lead, records, SpecTrainerTests.Quick);
        // Same records and hold-out, but trained only on a field unrelated to the outcome.
        var noise = SpecTrainer.Train(SpecTrainerTests.Lead with { Features = ["createdon"] }, records, SpecTrainerTests.Quick);
        return (good, noise);
    });

    [Fact]
    public async Task RegisterAsync_FirstVersion_BecomesChampion()
    {
        var registry = new InMemoryModelRegistry();

        var decision = await ChampionSelector.RegisterAsync(registry, LeadRecords.Org, Runs.Value.Good);

        decision.Promoted.ShouldBeTrue();
        decision.Registered.Version.ShouldBe(1);
        decision.Registered.Status.ShouldBe(ModelStatus.Champion);
    }

    [Fact]
    public async Task RegisterAsync_WorseChallengerOnSameRows_KeepsChampionWithReason()
    {
        var registry = new InMemoryModelRegistry();
        await ChampionSelector.RegisterAsync(registry, LeadRecords.Org, Runs.Value.Good);

        var decision = await ChampionSelector.RegisterAsync(registry, LeadRecords.Org, Runs.Value.Noise);

        decision.Promoted.ShouldBeFalse();
        decision.Registered.Status.ShouldBe(ModelStatus.Challenger);
        decision.ChampionFigure!.Value.ShouldBe(Runs.Value.Good.Metrics!.Values["auc"], 1e-9);
        decision.ChallengerFigure.ShouldBeLessThan(0.95 * decision.ChampionFigure.Value);
        decision.Reason.ShouldContain("< 0.95 × champion v1");
        decision.Reason.ShouldContain($"same {Runs.Value.Noise.Holdout.Count} hold-out rows");
        (await registry.ListAsync(LeadRecords.Org, "lead-conversion")).Single(v => v.Status == ModelStatus.Champion).Version.ShouldBe(1);
    }

    [Fact]
    public async Task RegisterAsync_BetterChallenger_ReplacesChampion()
    {
        var registry = new InMemoryModelRegistry();
        await ChampionSelector.RegisterAsync(registry, LeadRecords.Org, Runs.Value.Noise);

        var decision = await ChampionSelector.RegisterAsync(registry, LeadRecords.Org, Runs.Value.Good);

        decision.Promoted.ShouldBeTrue();
        var versions = await registry.ListAsync(LeadRecords.Org, "lead-conversion");
        versions.Single(v => v.Version == 1).Status.ShouldBe(ModelStatus.Retired);
        versions.Single(v => v.Version == 2).Status.ShouldBe(ModelStatus.Champion);
    }

    [Fact]
    public async Task RegisterAsync_WorseChallengerButOldChampion_PromotesWhenPolicyAllows()
    {
        var registry = new InMemoryModelRegistry();
        var past = new FixedTime(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await ChampionSelector.RegisterAsync(registry, LeadRecords.Org, Runs.Value.Good, time: past);

        var decision = await ChampionSelector.RegisterAsync(
            registry, LeadRecords.Org, Runs.Value.Noise, new ChampionPolicy { MaximumChampionAge = TimeSpan.FromDays(90) }, new FixedTime(past.Now.AddDays(200)));

        decision.Promoted.ShouldBeTrue();
        decision.Reason.ShouldContain("older than 90 days");
    }

    [Fact]
    public async Task RollbackAsync_AfterPromotion_RestoresPreviousChampion()
    {
        var registry = new InMemoryModelRegistry();
        await ChampionSelector.RegisterAsync(registry, LeadRecords.Org, Runs.Value.Noise);
        await ChampionSelector.RegisterAsync(registry, LeadRecords.Org, Runs.Value.Good);

        var restored = await ChampionSelector.RollbackAsync(registry, LeadRecords.Org, "lead-conversion");

        restored.Version.ShouldBe(1);
        (await registry.ListAsync(LeadRecords.Org, "lead-conversion")).Single(v => v.Status == ModelStatus.Champion).Version.ShouldBe(1);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now => now;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
