using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class CaseModelArtifactTests
{
    private static readonly CaseClassifierOptions Fast = new() { Trainers = [CaseTrainerKind.AveragedPerceptron, CaseTrainerKind.SdcaMaximumEntropy] };

    [Fact]
    public void LoadToBytes_BitextModel_PredictsExactlyAsTheTrainedOne()
    {
        var (train, test) = BitextCases.Split(trainPerIntent: 30);
        var trained = CaseTrainer.Train([.. train.Select(c => CaseInput.FromText(c.Text))], [.. train.Select(c => c.Intent)], Fast).Classifier;
        var cases = test.Take(300).Select(c => CaseInput.FromText(c.Text)).Append(CaseInput.FromText("")).ToArray();

        var loaded = CaseModelArtifact.Load(CaseModelArtifact.ToBytes(trained));

        loaded.Categories.ShouldBe(trained.Categories);
        loaded.Trainer.ShouldBe(trained.Trainer);
        loaded.Temperature.ShouldBe(trained.Temperature);
        loaded.Thresholds.Describe().ShouldBe(trained.Thresholds.Describe());
        var before = trained.Predict(cases);
        var after = loaded.Predict(cases);
        after.Select(p => (p.Top, p.Tier)).ShouldBe(before.Select(p => (p.Top, p.Tier)));
        after.Select(p => p.Confidence).Zip(before.Select(p => p.Confidence)).ShouldAllBe(p => Math.Abs(p.First - p.Second) < 1e-6);
        loaded.Predict(cases[0]).Top.ShouldBe(before[0].Top);
    }

    [Fact]
    public void Load_NotAnArtifact_ThrowsInvalidData()
    {
        Should.Throw<InvalidDataException>(() => CaseModelArtifact.Load(new byte[] { 1, 2, 3 }));
    }
}
