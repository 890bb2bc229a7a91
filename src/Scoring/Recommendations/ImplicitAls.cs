namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// Implicit-feedback matrix factorisation by alternating least squares with exact (Cholesky) solves, using the
/// YᵀY + Yᵀ(Cᵤ − I)Y decomposition of Hu, Koren &amp; Volinsky (2008) so a row costs O(nᵤ f² + f³), not O(items f²),
/// or with a few warm-started conjugate-gradient steps on the same system (see <see cref="AlsSettings.CgSteps"/>).
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

        // Conjugate gradient refines the previous solution, so customers need a non-zero start too.
        for (var n = 0; settings.CgSteps > 0 && n < users.Length; n++)
        {
            users[n] = 0.1 * Gaussian(random) / Math.Sqrt(f);
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
            () => (A: new double[Math.Max(f * f, 2 * f)], B: new double[f], C: new double[64]),
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

                if (settings.CgSteps > 0)
                {
                    ConjugateGradient(gram, fixedFactors, f, columns.AsSpan(start[row], count), buffers.C.AsSpan(0, count),
                        settings.Regularization, settings.CgSteps, target, buffers.A.AsSpan(0, f), buffers.A.AsSpan(f, f), buffers.B);
                    return buffers;
                }

                BuildAndSolve(gram, fixedFactors, f, columns.AsSpan(start[row], count), buffers.C.AsSpan(0, count),
                    settings.Regularization, buffers.A, buffers.B);
                buffers.B.AsSpan().CopyTo(target);
                return buffers;
            },
            _ => { });
    }

    /// <summary>
    /// Improves <paramref name="x"/> towards the solution of (YᵀY + λI + Σᵢ (cᵢ − 1) yᵢyᵢᵀ) x = Σᵢ cᵢ yᵢ without forming the
    /// matrix: each step needs one product with it, O(f² + nᵤ f).
    /// </summary>
    internal static void ConjugateGradient(double[] gram, double[] fixedFactors, int f, ReadOnlySpan<int> columns,
        ReadOnlySpan<double> confidences, double regularization, int steps, Span<double> x, Span<double> r, Span<double> p, Span<double> ap)
    {
        // r = b − A x
        Multiply(gram, fixedFactors, f, columns, confidences, regularization, x, r);
        for (var i = 0; i < f; i++)
        {
            r[i] = -r[i];
        }

        for (var n = 0; n < columns.Length; n++)
        {
            var y = fixedFactors.AsSpan(columns[n] * f, f);
            for (var i = 0; i < f; i++)
            {
                r[i] += confidences[n] * y[i];
            }
        }

        r.CopyTo(p);
        var rsOld = Dot(r, r);
        for (var step = 0; step < steps && rsOld > 1e-20; step++)
        {
            Multiply(gram, fixedFactors, f, columns, confidences, regularization, p, ap);
            var alpha = rsOld / Dot(p, ap);
            for (var i = 0; i < f; i++)
            {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }

            var rsNew = Dot(r, r);
            for (var i = 0; i < f; i++)
            {
                p[i] = r[i] + (rsNew / rsOld * p[i]);
            }

            rsOld = rsNew;
        }
    }

    private static void Multiply(double[] gram, double[] fixedFactors, int f, ReadOnlySpan<int> columns, ReadOnlySpan<double> confidences,
        double regularization, ReadOnlySpan<double> v, Span<double> result)
    {
        for (var i = 0; i < f; i++)
        {
            var row = gram.AsSpan(i * f, f);
            var s = regularization * v[i];
            for (var j = 0; j < f; j++)
            {
                s += row[j] * v[j];
            }

            result[i] = s;
        }

        for (var n = 0; n < columns.Length; n++)
        {
            var y = fixedFactors.AsSpan(columns[n] * f, f);
            var scale = (confidences[n] - 1) * Dot(y, v);
            for (var i = 0; i < f; i++)
            {
                result[i] += scale * y[i];
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
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
