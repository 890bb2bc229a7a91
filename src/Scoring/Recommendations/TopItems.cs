namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Selects the best-scored allowed items without sorting the whole catalogue.</summary>
internal static class TopItems
{
    /// <summary>Up to <paramref name="n"/> items, best first; ties go to the lower item index so results are deterministic.</summary>
    public static int[] Select(ReadOnlySpan<double> scores, int n, Func<int, bool> allowed)
    {
        var best = new int[n];
        var count = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]) || !allowed(i))
            {
                continue;
            }

            if (count == n && scores[i] <= scores[best[n - 1]])
            {
                continue;
            }

            var at = count < n ? count++ : n - 1;
            while (at > 0 && scores[best[at - 1]] < scores[i])
            {
                best[at] = best[at - 1];
                at--;
            }

            best[at] = i;
        }

        return best[..count];
    }
}
