using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Drift;

/// <summary>One field's bins and their training proportions.</summary>
internal sealed record FieldBaseline
{
    public required string Name { get; init; }

    /// <summary>Upper edges of numeric bins (value ≤ edge); the last bin is open.</summary>
    public required double[] Edges { get; init; }

    /// <summary>Category values with their own bin.</summary>
    public required string[] Levels { get; init; }

    public double[] Proportions { get; init; } = [];

    /// <summary>Bin proportions of a column: numeric bins or levels, then "other" (categories), then missing.</summary>
    public double[] Measure(TabularColumn column)
    {
        var counts = new double[BinCount(column)];
        Count(column, counts);
        return [.. counts.Select(c => c / Math.Max(column.Length, 1))];
    }

    /// <summary>How many bins a column of this field has: numeric bins or levels, then "other" (categories), then missing.</summary>
    public int BinCount(TabularColumn column) =>
        Levels.Length > 0 || column.Strings is not null ? Levels.Length + 2 : Edges.Length + 2;

    /// <summary>Adds the column's rows to <paramref name="counts"/> (of <see cref="BinCount"/> bins).</summary>
    public void Count(TabularColumn column, double[] counts)
    {
        for (var row = 0; row < column.Length; row++)
        {
            counts[Bin(column, row, counts.Length)]++;
        }
    }

    private int Bin(TabularColumn column, int row, int bins)
    {
        if (column.IsMissing(row))
        {
            return bins - 1;
        }

        if (column.Numbers is { } numbers)
        {
            var value = numbers[row];
            var index = 0;
            while (index < Edges.Length && value > Edges[index])
            {
                index++;
            }

            return index;
        }

        var level = Array.IndexOf(Levels, column.Strings![row]);
        return level >= 0 ? level : Levels.Length;
    }
}
