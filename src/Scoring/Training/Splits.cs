namespace CrmExtensions.Scoring.Training;

/// <summary>Reproducible splits of row indexes.</summary>
internal static class Splits
{
    /// <summary>Stratified split: the same fraction of each class goes to the second part, shuffled by <paramref name="seed"/>.</summary>
    public static (int[] First, int[] Second) Stratified(IReadOnlyList<bool> labels, IReadOnlyList<int> rows, double fraction, int seed)
    {
        var random = new Random(seed);
        var first = new List<int>();
        var second = new List<int>();
        foreach (var cls in new[] { false, true })
        {
            var members = rows.Where(i => labels[i] == cls).ToArray();
            random.Shuffle(members);
            var take = (int)Math.Round(members.Length * fraction);
            second.AddRange(members.Take(take));
            first.AddRange(members.Skip(take));
        }

        first.Sort();
        second.Sort();
        return ([.. first], [.. second]);
    }

    /// <summary>Random split (regression).</summary>
    public static (int[] First, int[] Second) Random(IReadOnlyList<int> rows, double fraction, int seed)
    {
        var members = rows.ToArray();
        new Random(seed).Shuffle(members);
        var take = (int)Math.Round(members.Length * fraction);
        var second = members.Take(take).Order().ToArray();
        var first = members.Skip(take).Order().ToArray();
        return (first, second);
    }

    /// <summary>Time-ordered split: the newest <paramref name="fraction"/> of rows (by <paramref name="time"/>) form the second part.</summary>
    public static (int[] First, int[] Second) ByTime(IReadOnlyList<double> time, IReadOnlyList<int> rows, double fraction)
    {
        var ordered = rows.OrderBy(i => time[i]).ThenBy(i => i).ToArray();
        var take = (int)Math.Round(ordered.Length * fraction);
        return (ordered.Take(ordered.Length - take).Order().ToArray(), ordered.Skip(ordered.Length - take).Order().ToArray());
    }
}
