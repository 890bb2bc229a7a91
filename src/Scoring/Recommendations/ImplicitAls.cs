namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// Implicit-feedback matrix factorisation by alternating least squares with exact (Cholesky) solves, using the
/// YᵀY + Yᵀ(Cᵤ − I)Y decomposition of Hu, Koren &amp; Volinsky (2008) so a row costs O(nᵤ f² + f³), not O(items f²).
/// </summary>
internal static class ImplicitAls
{
    public static AlsModel Train(InteractionMatrix matrix, AlsSettings settings, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Factors, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Regularization);
        var f = settings.Factors;
        var users = new double[matrix.Users * f];
        var items = new double[matrix.Items * f];
        var random = new Random(settings.Seed);
        for (var n = 0; n < items.Length; n++)
        {
            items[n] = 0.1 * Gaussian(random) / Math.Sqrt(f);
        }

        for (var iteration = 0; iteration < settings.Iterations; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            SolveSide(users, items, matrix.Users, matrix.UserStart, matrix.UserItems, matrix.UserValues, settings);
            SolveSide(items, users, matrix.Items, matrix.ItemStart, matrix.ItemUsers, matrix.ItemValues, settings);
        }

        return new AlsModel(f, users, items);
    }

    /// <summary>
    /// One row's least-squares solution x = (YᵀY + Σᵢ (cᵢ − 1) yᵢyᵢᵀ + λI)⁻¹ Σᵢ cᵢ yᵢ over the rows' observed columns
    /// (preference 1 where observed, 0 elsewhere).
    /// </summary>
    public static double[] SolveRow(double[] gram, double[] fixedFactors, int factors, ReadOnlySpan<int> columns,
        ReadOnlySpan<double> confidences, double regularization)
    {
        var a = new double[factors * factors];
        var b = new double[factors];
        BuildAndSolve(gram, fixedFactors, factors, columns, confidences, regularization, a, b);
        return b;
    }

    public static double[] Gram(double[] factorsRows, int rows, int factors)
    {
        var gram = new double[factors * factors];
        for (var r = 0; r < rows; r++)
        {
            var offset = r * factors;
            for (var i = 0; i < factors; i++)
            {
                var vi = factorsRows[offset + i];
                if (vi == 0)
                {
                    continue;
                }

                for (var j = i; j < factors; j++)
                {
                    gram[(i * factors) + j] += vi * factorsRows[offset + j];
                }
            }
        }

        for (var i = 0; i < factors; i++)
        {
            for (var j = 0; j < i; j++)
            {
                gram[(i * factors) + j] = gram[(j * factors) + i];
            }
        }

        return gram;
    }

    private static void SolveSide(double[] solved, double[] fixedFactors, int rows, int[] start, int[] columns, float[] values,
        AlsSettings settings)
    {
        var f = settings.Factors;
        var gram = Gram(fixedFactors, fixedFactors.Length / f, f);
        Parallel.For(
            0,
            rows,
            () => (A: new double[f * f], B: new double[f], C: new double[64]),
            (row, _, buffers) =>
            {
                var count = start[row + 1] - start[row];
                var target = solved.AsSpan(row * f, f);
                if (count == 0)
                {
                    // With no observations the minimiser of λ‖x‖² + Σ xᵀy² is 0.
                    target.Clear();
                    return buffers;
                }

                if (buffers.C.Length < count)
                {
                    buffers.C = new double[Math.Max(count, buffers.C.Length * 2)];
                }

                for (var n = 0; n < count; n++)
                {
                    buffers.C[n] = settings.Confidence(values[start[row] + n]);
                }

                BuildAndSolve(gram, fixedFactors, f, columns.AsSpan(start[row], count), buffers.C.AsSpan(0, count),
                    settings.Regularization, buffers.A, buffers.B);
                buffers.B.AsSpan().CopyTo(target);
                return buffers;
            },
            _ => { });
    }

    private static void BuildAndSolve(double[] gram, double[] fixedFactors, int f, ReadOnlySpan<int> columns,
        ReadOnlySpan<double> confidences, double regularization, double[] a, double[] b)
    {
        gram.AsSpan().CopyTo(a);
        Array.Clear(b);
        for (var d = 0; d < f; d++)
        {
            a[(d * f) + d] += regularization;
        }

        for (var n = 0; n < columns.Length; n++)
        {
            var y = fixedFactors.AsSpan(columns[n] * f, f);
            var c = confidences[n];
            for (var i = 0; i < f; i++)
            {
                var cyi = (c - 1.0) * y[i];
                b[i] += c * y[i];
                var rowA = a.AsSpan(i * f, f);
                for (var j = 0; j < f; j++)
                {
                    rowA[j] += cyi * y[j];
                }
            }
        }

        DenseSolver.SolveInPlace(a, b, f);
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller: the base library has no normal sampler.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
