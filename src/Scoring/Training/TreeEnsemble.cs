using Microsoft.ML.Trainers.FastTree;

namespace CrmExtensions.Scoring.Training;

/// <summary>A boosted tree ensemble: raw score = bias + Σ weight × leaf value.</summary>
internal sealed class TreeEnsemble
{
    public required CompiledTree[] Trees { get; init; }

    public double Bias { get; init; }

    public static TreeEnsemble From(TreeEnsemble<RegressionTree> ensemble)
    {
        var trees = new CompiledTree[ensemble.Trees.Count];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            trees[t] = new CompiledTree
            {
                Left = [.. tree.LeftChild],
                Right = [.. tree.RightChild],
                Feature = [.. tree.NumericalSplitFeatureIndexes],
                Threshold = [.. tree.NumericalSplitThresholds],
                Leaf = [.. tree.LeafValues],
                Weight = ensemble.TreeWeights[t],
            };
        }

        return new TreeEnsemble { Trees = trees, Bias = ensemble.Bias };
    }

    public double Evaluate(ReadOnlySpan<float> x, int treeCount = int.MaxValue)
    {
        var score = Bias;
        var count = Math.Min(treeCount, Trees.Length);
        for (var t = 0; t < count; t++)
        {
            score += Trees[t].Evaluate(x);
        }

        return score;
    }

    /// <summary>Raw scores after each number of trees: result[k][i] is row i's score using the first k+1 trees.</summary>
    public double[][] Staged(IReadOnlyList<float[]> rows)
    {
        var staged = new double[Trees.Length][];
        var running = Enumerable.Repeat(Bias, rows.Count).ToArray();
        for (var t = 0; t < Trees.Length; t++)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                running[i] += Trees[t].Evaluate(rows[i]);
            }

            staged[t] = (double[])running.Clone();
        }

        return staged;
    }

    /// <summary>Per-input contributions; returns the bias so that bias + Σ contributions = raw score.</summary>
    public double Contribute(ReadOnlySpan<float> x, Span<double> contributions)
    {
        var bias = Bias;
        foreach (var tree in Trees)
        {
            bias += tree.Contribute(x, contributions);
        }

        return bias;
    }

    public void FitNodeMeans(IReadOnlyList<float[]> rows)
    {
        foreach (var tree in Trees)
        {
            tree.FitNodeMeans(rows);
        }
    }
}
