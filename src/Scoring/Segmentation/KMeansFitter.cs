using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CrmExtensions.Scoring.Segmentation;

/// <summary>ML.NET k-means (k-means++ start, one thread so a seed always gives the same centroids).</summary>
internal static class KMeansFitter
{
    /// <summary>
    /// The best of <paramref name="restarts"/> k-means runs by within-cluster sum of squares: a single k-means++ start can
    /// settle in a poor local optimum (merging two real groups and splitting a third), which would also make names hop.
    /// </summary>
    public static double[][] Fit(IReadOnlyList<double[]> points, int k, int seed, int restarts)
    {
        double[][]? best = null;
        var bestInertia = double.MaxValue;
        for (var r = 0; r < restarts; r++)
        {
            var centroids = Fit(points, k, seed + r);
            var inertia = points.Sum(p => SquaredDistance(p, centroids[Nearest(p, centroids)]));
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                best = centroids;
            }
        }

        return best!;
    }

    public static double[][] Fit(IReadOnlyList<double[]> points, int k, int seed)
    {
        var dimensions = points[0].Length;
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Point));
        schema[nameof(Point.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        var data = ml.Data.LoadFromEnumerable(points.Select(p => new Point { Features = [.. p.Select(v => (float)v)] }), schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Point.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = 200,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data).Model;
        VBuffer<float>[] centroids = [];
        model.GetClusterCentroids(ref centroids, out var count);
        return [.. centroids.Take(count).Select(c => c.DenseValues().Select(v => (double)v).ToArray())];
    }

    /// <summary>The index of the nearest centroid (squared Euclidean distance, as k-means assigns).</summary>
    public static int Nearest(double[] point, double[][] centroids)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < centroids.Length; c++)
        {
            var d = SquaredDistance(point, centroids[c]);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return best;
    }

    public static double SquaredDistance(double[] a, double[] b)
    {
        var s = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }

        return s;
    }

    private sealed class Point
    {
        public float[] Features { get; set; } = [];
    }
}
