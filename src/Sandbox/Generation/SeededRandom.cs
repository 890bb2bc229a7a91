namespace CrmExtensions.Sandbox.Generation;

/// <summary>Deterministic random source with the distributions the generating processes need.</summary>
internal sealed class SeededRandom(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public int Int(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public double Normal(double mean = 0, double sd = 1)
    {
        // Box-Muller; 1 - u keeps the logarithm finite.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public double LogNormal(double mu, double sigma) => Math.Exp(Normal(mu, sigma));

    public double Exponential(double rate) => -Math.Log(1.0 - _random.NextDouble()) / rate;

    public int Poisson(double lambda)
    {
        if (lambda > 30)
        {
            return Math.Max(0, (int)Math.Round(Normal(lambda, Math.Sqrt(lambda))));
        }

        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }

        return k;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public int Weighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = _random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    public Guid Guid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public DateTime Between(DateTime from, DateTime to)
    {
        var span = (to - from).Ticks;
        var ticks = (long)(span * _random.NextDouble());
        // Whole seconds: CRMs store datetimes at second precision.
        return new DateTime(from.Ticks + ticks - (ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
