namespace CrmExtensions.Scoring.Segmentation;

/// <summary>Minimum-cost assignment (Kuhn–Munkres with potentials, O(n²m)) for an n × m cost matrix with n ≤ m.</summary>
internal static class Hungarian
{
    /// <summary>For each row, the column assigned to it.</summary>
    public static int[] Solve(double[,] cost)
    {
        var n = cost.GetLength(0);
        var m = cost.GetLength(1);
        if (n > m)
        {
            throw new ArgumentException("The cost matrix needs at least as many columns as rows.", nameof(cost));
        }

        // 1-based arrays as in the textbook formulation; index 0 is the virtual start column.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOf = new int[m + 1];
        var way = new int[m + 1];
        for (var i = 1; i <= n; i++)
        {
            rowOf[0] = i;
            var column = 0;
            var minimum = new double[m + 1];
            var used = new bool[m + 1];
            Array.Fill(minimum, double.PositiveInfinity);
            do
            {
                used[column] = true;
                var row = rowOf[column];
                var delta = double.PositiveInfinity;
                var next = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var reduced = cost[row - 1, j - 1] - u[row] - v[j];
                    if (reduced < minimum[j])
                    {
                        minimum[j] = reduced;
                        way[j] = column;
                    }

                    if (minimum[j] < delta)
                    {
                        delta = minimum[j];
                        next = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minimum[j] -= delta;
                    }
                }

                column = next;
            }
            while (rowOf[column] != 0);

            do
            {
                var previous = way[column];
                rowOf[column] = rowOf[previous];
                column = previous;
            }
            while (column != 0);
        }

        var assignment = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (rowOf[j] != 0)
            {
                assignment[rowOf[j] - 1] = j - 1;
            }
        }

        return assignment;
    }
}
