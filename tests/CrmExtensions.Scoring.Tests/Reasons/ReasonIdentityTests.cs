using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Reasons;
using CrmExtensions.Scoring.Tests.Training;
using CrmExtensions.Scoring.Training;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace CrmExtensions.Scoring.Tests.Reasons;

public sealed class ReasonIdentityTests
{
    private static readonly Lazy<TrainingFixture> Fixture = new(() => TrainingFixture.Binary(1500, seed: 11));

    [Fact]
    public void Explain_BlendedBinaryModel_ContributionsPlusBiasEqualRawScore()
    {
        var f = Fixture.Value;
        var options = new TrainingOptions { LeafCandidates = [8], MaxIterations = 60, LinearL2Candidates = [1f], BlendWeights = [0.5] };
        var model = TabularTrainer.TrainBinary(f.Map, f.X, f.Y, options, "yes", "no").Model;
        model.Trees.ShouldNotBeNull();
        model.Linear.ShouldNotBeNull();

        for (var row = 0; row < f.X.Length; row += 7)
        {
            var explanation = ReasonExplainer.Explain(model, f.Data, row, f.X[row]);

            (explanation.Bias + explanation.Reasons.Sum(r => r.Contribution)).ShouldBe(model.Raw(f.X[row]), 1e-4);
            explanation.Score.ShouldBe(100 * model.Predict(f.X[row]), 1e-6);
            explanation.Reasons.Sum(r => r.Points).ShouldBe(explanation.Score - explanation.BaseScore, 1e-4);
            explanation.Reasons.Select(r => r.Field).ShouldBe(["score", "source", "created", "notes"]);
        }
    }

    [Fact]
    public void Explain_RegressionModel_ContributionsPlusBiasEqualValue()
    {
        var f = Fixture.Value;
        var target = f.X.Select(v => (double)v[0] * 10).ToArray();
        var options = new TrainingOptions { LeafCandidates = [8], MaxIterations = 60, LinearL2Candidates = [1f], BlendWeights = [0.5] };
        var model = TabularTrainer.TrainRegression(f.Map, f.X, target, options).Model;

        model.Kind.ShouldBe(ModelKind.Regression);
        for (var row = 0; row < f.X.Length; row += 11)
        {
            var explanation = ReasonExplainer.Explain(model, f.Data, row, f.X[row]);
            (explanation.Bias + explanation.Reasons.Sum(r => r.Contribution)).ShouldBe(model.Predict(f.X[row]), 1e-4);
        }
    }

    [Fact]
    public void CompiledTrees_LightGbmBinary_ReproduceMlNetRawScore()
    {
        var f = Fixture.Value;
        var ml = new MLContext(seed: 0);
        var rows = Enumerable.Range(0, f.X.Length).ToArray();
        var view = MlData.Binary(ml, f.X, f.Y, rows, f.Map.Width);
        var trained = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { NumberOfIterations = 50, NumberOfLeaves = 8, LearningRate = 0.05 }).Fit(view);
        var ensemble = TreeEnsemble.From(trained.Model.SubModel.TrainedTreeEnsemble);
        ensemble.FitNodeMeans(f.X);

        var scores = MlData.Scores(trained, view);
        for (var i = 0; i < f.X.Length; i++)
        {
            ensemble.Evaluate(f.X[i]).ShouldBe(scores[i], 1e-4);
            var contributions = new double[f.Map.Width];
            (ensemble.Contribute(f.X[i], contributions) + contributions.Sum()).ShouldBe(scores[i], 1e-4);
        }
    }

    [Fact]
    public void LinearModel_LbfgsLogisticRegression_ReproducesMlNetRawScore()
    {
        var f = Fixture.Value;
        var ml = new MLContext(seed: 0);
        var z = f.X.Select(f.Map.Standardise).ToArray();
        var view = MlData.Binary(ml, z, f.Y, Enumerable.Range(0, z.Length).ToArray(), f.Map.Width);
        var trained = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { L2Regularization = 1 }).Fit(view);
        var linear = new LinearModel { Weights = [.. trained.Model.SubModel.Weights.Select(w => (double)w)], Bias = trained.Model.SubModel.Bias };

        var scores = MlData.Scores(trained, view);
        for (var i = 0; i < z.Length; i++)
        {
            linear.Evaluate(z[i]).ShouldBe(scores[i], 1e-4);
        }
    }
}
