namespace CrmExtensions.Scoring.Training;

/// <summary>
/// Platt scaling: p = σ(a·s + b), fitted by damped Newton steps with Platt's smoothed targets. Scores are
/// standardised first and every step is halved until the loss falls, so raw scores far from zero (boosted
/// trees start at the base rate's log-odds) cannot make the fit diverge.
/// </summary>
internal static class Platt
{
    public static (double A, double B) Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var n = scores.Count;
        var positives = labels.Count(l => l);
        var negatives = n - positives;
        if (n == 0 || positives == 0 || negatives == 0)
        {
            return (0, positives == 0 ? -10 : 10);
        }

        var mean = scores.Average();
        var sd = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / n);
        if (sd < 1e-12)
        {
            sd = 1;
        }

        var z = scores.Select(s => (s - mean) / sd).ToArray();
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        var t = labels.Select(l => l ? high : low).ToArray();
        double a = 0, b = Math.Log((double)positives / negatives);
        var loss = Loss(z, t, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (var i = 0; i < n; i++)
            {
                var p = Sigmoid((a * z[i]) + b);
                var d = p - t[i];
                var w = p * (1 - p);
                ga += d * z[i];
                gb += d;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }

            var det = (haa * hbb) - (hab * hab);
            if (det <= 0)
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            var step = 1.0;
            while (step > 1e-6)
            {
                var next = Loss(z, t, a - (step * da), b - (step * db));
                if (next <= loss)
                {
                    a -= step * da;
                    b -= step * db;
                    var improvement = loss - next;
                    loss = next;
                    step = improvement < 1e-12 * n ? 0 : step;
                    break;
                }

                step /= 2;
            }

            if (step <= 1e-6)
            {
                break;
            }
        }

        return (a / sd, b - (a * mean / sd));
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Loss(double[] z, double[] t, double a, double b)
    {
        double loss = 0;
        for (var i = 0; i < z.Length; i++)
        {
            var m = (a * z[i]) + b;
            // log(1 + e^m) − t·m, computed without overflow
            loss += (m > 0 ? m + double.LogP1(Math.Exp(-m)) : double.LogP1(Math.Exp(m))) - (t[i] * m);
        }

        return loss;
    }
}
