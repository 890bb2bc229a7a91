namespace CrmExtensions.Scoring.Segmentation;

/// <summary>Centres and scales transformed features to unit variance (a constant feature is left at 0).</summary>
internal sealed class Standardizer
{
    private Standardizer(double[] mean, double[] scale)
    {
        Mean = mean;
        Scale = scale;
    }

    public double[] Mean { get; }

    public double[] Scale { get; }

    public static Standardizer Fit(IReadOnlyList<double[]> transformed)
    {
        var d = transformed[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            var m = transformed.Average(r => r[j]);
            var sd = Math.Sqrt(transformed.Average(r => (r[j] - m) * (r[j] - m)));
            mean[j] = m;
            scale[j] = sd > 1e-12 ? sd : 1;
        }

        return new Standardizer(mean, scale);
    }

    public double[] Apply(double[] transformed)
    {
        var z = new double[transformed.Length];
        for (var j = 0; j < z.Length; j++)
        {
            z[j] = (transformed[j] - Mean[j]) / Scale[j];
        }

        return z;
    }

    public double[] Invert(double[] z)
    {
        var t = new double[z.Length];
        for (var j = 0; j < t.Length; j++)
        {
            t[j] = (z[j] * Scale[j]) + Mean[j];
        }

        return t;
    }
}
