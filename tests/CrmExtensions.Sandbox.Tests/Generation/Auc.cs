namespace CrmExtensions.Sandbox.Tests.Generation;

internal static class Auc
{
    /// <summary>Area under the ROC curve by the rank-sum (Mann-Whitney) formula, ties counted half.</summary>
    public static double Compute(IReadOnlyList<(double Score, bool Positive)> items)
    {
        var sorted = items.OrderBy(i => i.Score).ToList();
        double rankSumPositive = 0;
        var positives = 0;
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Score == sorted[i].Score)
            {
                j++;
            }

            var averageRank = (i + j + 1) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (sorted[k].Positive)
                {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }

            i = j;
        }

        var negatives = sorted.Count - positives;
        return (rankSumPositive - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
