namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// Turns a trainer's class scores into probabilities: softmax of score / T, with T fitted on validation cases by
/// minimising log-loss (temperature scaling). Maximum-entropy trainers already give probabilities; their log is
/// used as the scores, so T near 1 leaves them unchanged.
/// </summary>
internal sealed class TemperatureSoftmax(double temperature, bool scoresAreProbabilities)
{
    public double Temperature { get; } = temperature;

    public bool ScoresAreProbabilities { get; } = scoresAreProbabilities;

    public static TemperatureSoftmax Fit(IReadOnlyList<float[]> scores, IReadOnlyList<int> actual, bool scoresAreProbabilities)
    {
        // Golden-section search on log T in [-5, 5]; the log-loss is unimodal in T for fixed scores.
        double lo = -5, hi = 5;
        var phi = (Math.Sqrt(5) - 1) / 2;
        double Loss(double logT)
        {
            var calibration = new TemperatureSoftmax(Math.Exp(logT), scoresAreProbabilities);
            var total = 0.0;
            for (var i = 0; i < scores.Count; i++)
            {
                total -= Math.Log(Math.Max(calibration.Apply(scores[i])[actual[i]], 1e-15));
            }

            return total;
        }

        var a = hi - (phi * (hi - lo));
        var b = lo + (phi * (hi - lo));
        double fa = Loss(a), fb = Loss(b);
        for (var step = 0; step < 60; step++)
        {
            if (fa < fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (phi * (hi - lo));
                fa = Loss(a);
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (phi * (hi - lo));
                fb = Loss(b);
            }
        }

        return new TemperatureSoftmax(Math.Exp((lo + hi) / 2), scoresAreProbabilities);
    }

    public double[] Apply(float[] scores)
    {
        var logits = new double[scores.Length];
        var max = double.NegativeInfinity;
        for (var c = 0; c < scores.Length; c++)
        {
            var s = ScoresAreProbabilities ? Math.Log(Math.Max(scores[c], 1e-15)) : scores[c];
            logits[c] = float.IsNaN(scores[c]) ? double.NegativeInfinity : s / Temperature;
            max = Math.Max(max, logits[c]);
        }

        var sum = 0.0;
        for (var c = 0; c < logits.Length; c++)
        {
            logits[c] = Math.Exp(logits[c] - max);
            sum += logits[c];
        }

        for (var c = 0; c < logits.Length; c++)
        {
            logits[c] /= sum;
        }

        return logits;
    }
}
