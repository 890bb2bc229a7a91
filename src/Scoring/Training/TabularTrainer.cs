using System.Globalization;
using CrmExtensions.Scoring.Evaluation;
using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Models;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace CrmExtensions.Scoring.Training;

/// <summary>
/// Trains binary and regression models on feature vectors. Candidates (boosted trees over a few leaf counts with
/// the number of iterations chosen per checkpoint, a regularised linear model over a few L2 strengths, and their
/// weighted average) are compared on a validation split of the training rows only; the winner is refitted on
/// all training rows and, for binary models, calibrated (Platt) on the validation predictions.
/// </summary>
internal static class TabularTrainer
{
    private const int Checkpoint = 20;

    public static TrainingOutcome TrainBinary(
        FeatureMap map, float[][] x, bool[] y, TrainingOptions options, string positive, string negative,
        double[]? time = null, CancellationToken cancellationToken = default)
    {
        var ml = new MLContext(seed: options.Seed);
        var all = Enumerable.Range(0, x.Length).ToArray();
        var (fit, validation) = time is null
            ? Splits.StratifiedGrouped(x, y, options.ValidationFraction, options.Seed)
            : Splits.ByTime(time, all, options.ValidationFraction);
        var notes = new List<string> { $"validation: {validation.Length} of {x.Length} training rows ({(time is null ? "stratified, identical rows kept together" : "newest by date")})" };
        var validationLabels = validation.Select(i => y[i]).ToArray();
        var validationX = validation.Select(i => x[i]).ToArray();
        var fitView = MlData.Binary(ml, x, y, fit, map.Width);

        // Trees: each leaf count once at the most iterations; the best prefix is read off at checkpoints.
        (int Leaves, int Iterations, double Auc) bestTrees = (0, 0, double.NegativeInfinity);
        TreeEnsemble? bestEnsemble = null;
        foreach (var leaves in options.LeafCandidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ensemble = FitTrees(ml, fitView, options, leaves, options.MaxIterations, binary: true);
            var (iterations, auc) = BestPrefix(ensemble, validationX, s => BinaryEvaluation.Auc(s, validationLabels), higherIsBetter: true);
            notes.Add(Invariant($"trees {leaves} leaves: best validation AUC {auc:F4} at {iterations} iterations"));
            if (auc > bestTrees.Auc || bestEnsemble is null)
            {
                bestTrees = (leaves, iterations, auc);
                bestEnsemble = ensemble;
            }
        }

        var treeScores = validationX.Select(v => bestEnsemble!.Evaluate(v, bestTrees.Iterations)).ToArray();

        var validationZ = validationX.Select(map.Standardise).ToArray();
        var fitLinearView = MlData.Binary(ml, [.. x.Select(map.Standardise)], y, fit, map.Width);
        (float L2, double Auc) bestLinear = (0, double.NegativeInfinity);
        double[] linearScores = [];
        foreach (var l2 in options.LinearL2Candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var linear = FitLinearBinary(ml, fitLinearView, l2);
            var scores = validationZ.Select(z => linear.Evaluate(z)).ToArray();
            var auc = BinaryEvaluation.Auc(scores, validationLabels);
            notes.Add(Invariant($"linear L2 {l2}: validation AUC {auc:F4}"));
            if (auc > bestLinear.Auc || linearScores.Length == 0)
            {
                bestLinear = (l2, auc);
                linearScores = scores;
            }
        }

        var (treeA, treeB) = Platt.Fit(treeScores, validationLabels);
        var (linA, linB) = Platt.Fit(linearScores, validationLabels);
        (double Weight, double Auc) bestBlend = (1, double.NegativeInfinity);
        foreach (var w in options.BlendWeights)
        {
            var blended = Blend(treeScores, linearScores, w, treeA, treeB, linA, linB);
            var auc = BinaryEvaluation.Auc(blended, validationLabels);
            notes.Add(Invariant($"blend trees {w:P0}: validation AUC {auc:F4}"));
            if (auc > bestBlend.Auc + 1e-9 || double.IsNegativeInfinity(bestBlend.Auc))
            {
                bestBlend = (w, auc);
            }
        }

        var final = Blend(treeScores, linearScores, bestBlend.Weight, treeA, treeB, linA, linB);
        var (a, b) = Platt.Fit(final, validationLabels);

        // Refit the chosen candidates on every training row.
        var allView = MlData.Binary(ml, x, y, all, map.Width);
        var w1 = bestBlend.Weight;
        var trees = w1 > 0 ? FitTrees(ml, allView, options, bestTrees.Leaves, bestTrees.Iterations, binary: true) : null;
        trees?.FitNodeMeans(x);
        var linearModel = w1 < 1 ? FitLinearBinary(ml, MlData.Binary(ml, [.. x.Select(map.Standardise)], y, all, map.Width), bestLinear.L2) : null;
        var model = new TabularModel
        {
            Kind = ModelKind.Binary,
            Features = map,
            Trees = trees,
            Linear = linearModel,
            TreeCoefficient = a * w1 * treeA,
            LinearCoefficient = a * (1 - w1) * linA,
            Intercept = (a * ((w1 * treeB) + ((1 - w1) * linB))) + b,
            PositiveClass = positive,
            NegativeClass = negative,
            Description = Describe(w1, bestTrees.Leaves, bestTrees.Iterations, bestLinear.L2),
        };
        return new TrainingOutcome(model, bestBlend.Auc, "auc", notes);
    }

    public static TrainingOutcome TrainRegression(
        FeatureMap map, float[][] x, double[] y, TrainingOptions options, double[]? time = null, CancellationToken cancellationToken = default)
    {
        var ml = new MLContext(seed: options.Seed);
        var all = Enumerable.Range(0, x.Length).ToArray();
        var (fit, validation) = time is null
            ? Splits.RandomGrouped(x, options.ValidationFraction, options.Seed)
            : Splits.ByTime(time, all, options.ValidationFraction);
        var notes = new List<string> { $"validation: {validation.Length} of {x.Length} training rows ({(time is null ? "random, identical rows kept together" : "newest by date")})" };
        var actual = validation.Select(i => y[i]).ToArray();
        var validationX = validation.Select(i => x[i]).ToArray();
        var fitView = MlData.Regression(ml, x, y, fit, map.Width);

        (int Leaves, int Iterations, double Rmse) bestTrees = (0, 0, double.PositiveInfinity);
        TreeEnsemble? bestEnsemble = null;
        foreach (var leaves in options.LeafCandidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ensemble = FitTrees(ml, fitView, options, leaves, options.MaxIterations, binary: false);
            var (iterations, rmse) = BestPrefix(ensemble, validationX, s => RegressionEvaluation.Rmse(s, actual), higherIsBetter: false);
            notes.Add(Invariant($"trees {leaves} leaves: best validation RMSE {rmse:G5} at {iterations} iterations"));
            if (rmse < bestTrees.Rmse || bestEnsemble is null)
            {
                bestTrees = (leaves, iterations, rmse);
                bestEnsemble = ensemble;
            }
        }

        var treeScores = validationX.Select(v => bestEnsemble!.Evaluate(v, bestTrees.Iterations)).ToArray();
        var validationZ = validationX.Select(map.Standardise).ToArray();
        var standardised = x.Select(map.Standardise).ToArray();
        var fitLinearView = MlData.Regression(ml, standardised, y, fit, map.Width);
        (float L2, double Rmse) bestLinear = (0, double.PositiveInfinity);
        double[] linearScores = [];
        foreach (var l2 in options.LinearL2Candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var linear = FitLinearRegression(ml, fitLinearView, l2);
            var scores = validationZ.Select(z => linear.Evaluate(z)).ToArray();
            var rmse = RegressionEvaluation.Rmse(scores, actual);
            notes.Add(Invariant($"linear L2 {l2}: validation RMSE {rmse:G5}"));
            if (rmse < bestLinear.Rmse || linearScores.Length == 0)
            {
                bestLinear = (l2, rmse);
                linearScores = scores;
            }
        }

        (double Weight, double Rmse) bestBlend = (1, double.PositiveInfinity);
        foreach (var w in options.BlendWeights)
        {
            var blended = treeScores.Select((t, i) => (w * t) + ((1 - w) * linearScores[i])).ToArray();
            var rmse = RegressionEvaluation.Rmse(blended, actual);
            notes.Add(Invariant($"blend trees {w:P0}: validation RMSE {rmse:G5}"));
            if (rmse < bestBlend.Rmse - 1e-12 || double.IsPositiveInfinity(bestBlend.Rmse))
            {
                bestBlend = (w, rmse);
            }
        }

        var allView = MlData.Regression(ml, x, y, all, map.Width);
        var w1 = bestBlend.Weight;
        var trees = w1 > 0 ? FitTrees(ml, allView, options, bestTrees.Leaves, bestTrees.Iterations, binary: false) : null;
        trees?.FitNodeMeans(x);
        var linearModel = w1 < 1 ? FitLinearRegression(ml, MlData.Regression(ml, standardised, y, all, map.Width), bestLinear.L2) : null;
        var model = new TabularModel
        {
            Kind = ModelKind.Regression,
            Features = map,
            Trees = trees,
            Linear = linearModel,
            TreeCoefficient = w1,
            LinearCoefficient = 1 - w1,
            Description = Describe(w1, bestTrees.Leaves, bestTrees.Iterations, bestLinear.L2),
        };
        return new TrainingOutcome(model, bestBlend.Rmse, "rmse", notes);
    }

    internal static TreeEnsemble FitTrees(MLContext ml, IDataView data, TrainingOptions options, int leaves, int iterations, bool binary)
    {
        TreeEnsemble ensemble;
        if (binary)
        {
            var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = iterations,
                LearningRate = options.LearningRate,
                NumberOfLeaves = leaves,
                MinimumExampleCountPerLeaf = options.MinRowsPerLeaf,
                Seed = options.Seed,
                Deterministic = true,
                NumberOfThreads = options.Threads > 0 ? options.Threads : null,
                Silent = true,
                Booster = Booster(options),
            });
            ensemble = TreeEnsemble.From(trainer.Fit(data).Model.SubModel.TrainedTreeEnsemble);
        }
        else
        {
            var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfIterations = iterations,
                LearningRate = options.LearningRate,
                NumberOfLeaves = leaves,
                MinimumExampleCountPerLeaf = options.MinRowsPerLeaf,
                Seed = options.Seed,
                Deterministic = true,
                NumberOfThreads = options.Threads > 0 ? options.Threads : null,
                Silent = true,
                Booster = Booster(options),
            });
            ensemble = TreeEnsemble.From(trainer.Fit(data).Model.TrainedTreeEnsemble);
        }

        return ensemble;
    }

    private static GradientBooster.Options Booster(TrainingOptions options) => new()
    {
        FeatureFraction = options.FeatureFraction,
        SubsampleFraction = options.SubsampleFraction,
        SubsampleFrequency = options.SubsampleFraction < 1 ? 1 : 0,
    };

    internal static LinearModel FitLinearBinary(MLContext ml, IDataView standardised, float l2)
    {
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = l2,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 200,
        });
        var parameters = trainer.Fit(standardised).Model.SubModel;
        return new LinearModel { Weights = [.. parameters.Weights.Select(w => (double)w)], Bias = parameters.Bias };
    }

    internal static LinearModel FitLinearRegression(MLContext ml, IDataView standardised, float l2)
    {
        var trainer = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            L2Regularization = l2 / 100f,
            L1Regularization = 0,
            MaximumNumberOfIterations = 50,
            Shuffle = false,
            NumberOfThreads = 1,
        });
        var parameters = trainer.Fit(standardised).Model;
        return new LinearModel { Weights = [.. parameters.Weights.Select(w => (double)w)], Bias = parameters.Bias };
    }

    private static (int Iterations, double Figure) BestPrefix(TreeEnsemble ensemble, float[][] rows, Func<double[], double> figure, bool higherIsBetter)
    {
        var running = Enumerable.Repeat(ensemble.Bias, rows.Length).ToArray();
        var best = (Iterations: 0, Figure: higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity);
        for (var t = 0; t < ensemble.Trees.Length; t++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                running[i] += ensemble.Trees[t].Evaluate(rows[i]);
            }

            if ((t + 1) % Checkpoint == 0 || t == ensemble.Trees.Length - 1)
            {
                var value = figure(running);
                if (higherIsBetter ? value > best.Figure : value < best.Figure)
                {
                    best = (t + 1, value);
                }
            }
        }

        return best.Iterations == 0 ? (Math.Max(ensemble.Trees.Length, 1), best.Figure) : best;
    }

    private static double[] Blend(double[] trees, double[] linear, double w, double treeA, double treeB, double linA, double linB) =>
        [.. trees.Select((t, i) => (w * ((treeA * t) + treeB)) + ((1 - w) * ((linA * linear[i]) + linB)))];

    private static string Describe(double treeWeight, int leaves, int iterations, float l2) => treeWeight switch
    {
        >= 1 => Invariant($"boosted trees ({leaves} leaves, {iterations} iterations)"),
        <= 0 => Invariant($"linear (L2 {l2})"),
        _ => Invariant($"average: boosted trees ({leaves} leaves, {iterations} iterations) {treeWeight:P0} + linear (L2 {l2}) {1 - treeWeight:P0}"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
