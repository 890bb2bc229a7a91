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

    /// <summary>
    /// Like <see cref="Stratified"/>, but rows with identical inputs stay on the same side: exports often repeat
    /// rows, and a duplicate on both sides makes validation reward memorising (seen here: 4× repeated rows made
    /// the search pick the largest trees and lose 0.01 AUC on new data).
    /// </summary>
    public static (int[] First, int[] Second) StratifiedGrouped(IReadOnlyList<float[]> x, IReadOnlyList<bool> labels, double fraction, int seed)
    {
        var groups = Group(x);
        var random = new Random(seed);
        var first = new List<int>();
        var second = new List<int>();
        foreach (var cls in new[] { false, true })
        {
            var members = groups.Where(g => (g.Count(i => labels[i]) * 2 > g.Count) == cls).ToArray();
            random.Shuffle(members);
            var target = (int)Math.Round(members.Sum(g => g.Count) * fraction);
            var taken = 0;
            foreach (var group in members)
            {
                if (taken < target)
                {
                    second.AddRange(group);
                    taken += group.Count;
                }
                else
                {
                    first.AddRange(group);
                }
            }
        }

        first.Sort();
        second.Sort();
        return ([.. first], [.. second]);
    }

    /// <summary>Random split keeping rows with identical inputs together (regression).</summary>
    public static (int[] First, int[] Second) RandomGrouped(IReadOnlyList<float[]> x, double fraction, int seed)
    {
        var groups = Group(x).ToArray();
        new Random(seed).Shuffle(groups);
        var target = (int)Math.Round(x.Count * fraction);
        var first = new List<int>();
        var second = new List<int>();
        var taken = 0;
        foreach (var group in groups)
        {
            (taken < target ? second : first).AddRange(group);
            taken += taken < target ? group.Count : 0;
        }

        first.Sort();
        second.Sort();
        return ([.. first], [.. second]);
    }

    private static List<List<int>> Group(IReadOnlyList<float[]> x)
    {
        var byKey = new Dictionary<float[], List<int>>(VectorComparer.Instance);
        var groups = new List<List<int>>();
        for (var i = 0; i < x.Count; i++)
        {
            if (!byKey.TryGetValue(x[i], out var group))
            {
                byKey[x[i]] = group = [];
                groups.Add(group);
            }

            group.Add(i);
        }

        // Only small groups are kept together: a value combination shared by many rows is a genuine pattern of
        // coarse data (new rows will share it too), not a repeated export row, and keeping it whole would skew the split.
        var limit = Math.Max(2, x.Count / 1000);
        return [.. groups.SelectMany(g => g.Count <= limit ? [g] : g.Select(i => new List<int> { i }))];
    }

    private sealed class VectorComparer : IEqualityComparer<float[]>
    {
        public static readonly VectorComparer Instance = new();

        public bool Equals(float[]? a, float[]? b) => a.AsSpan().SequenceEqual(b);

        public int GetHashCode(float[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
