namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Solves small symmetric positive-definite systems (the f × f ALS normal equations) by Cholesky.</summary>
internal static class DenseSolver
{
    /// <summary>Solves A x = b in place: <paramref name="a"/> (n × n, row-major) is overwritten by its factor, <paramref name="b"/> by x.</summary>
    public static void SolveInPlace(Span<double> a, Span<double> b, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var d = a[(j * n) + j];
            for (var k = 0; k < j; k++)
            {
                d -= a[(j * n) + k] * a[(j * n) + k];
            }

            if (d <= 0)
            {
                throw new InvalidOperationException("The ALS normal equations are not positive definite; the regularisation must be positive.");
            }

            var l = Math.Sqrt(d);
            a[(j * n) + j] = l;
            for (var i = j + 1; i < n; i++)
            {
                var s = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= a[(i * n) + k] * a[(j * n) + k];
                }

                a[(i * n) + j] = s / l;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= a[(i * n) + k] * b[k];
            }

            b[i] = s / a[(i * n) + i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= a[(k * n) + i] * b[k];
            }

            b[i] = s / a[(i * n) + i];
        }
    }
}
