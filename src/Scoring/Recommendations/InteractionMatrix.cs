namespace CrmExtensions.Scoring.Recommendations;

/// <summary>
/// Sparse customer × item purchase strengths, stored twice (by customer and by item, CSR) so both ALS half-steps
/// and item similarity read rows without a dense matrix.
/// </summary>
internal sealed class InteractionMatrix
{
    private InteractionMatrix(int users, int items, int[] userStart, int[] userItems, float[] userValues,
        int[] itemStart, int[] itemUsers, float[] itemValues)
    {
        Users = users;
        Items = items;
        UserStart = userStart;
        UserItems = userItems;
        UserValues = userValues;
        ItemStart = itemStart;
        ItemUsers = itemUsers;
        ItemValues = itemValues;
    }

    public int Users { get; }

    public int Items { get; }

    public int[] UserStart { get; }

    public int[] UserItems { get; }

    public float[] UserValues { get; }

    public int[] ItemStart { get; }

    public int[] ItemUsers { get; }

    public float[] ItemValues { get; }

    public int NonZeros => UserItems.Length;

    public ReadOnlySpan<int> ItemsOf(int user) => UserItems.AsSpan(UserStart[user], UserStart[user + 1] - UserStart[user]);

    public ReadOnlySpan<float> ValuesOf(int user) => UserValues.AsSpan(UserStart[user], UserStart[user + 1] - UserStart[user]);

    public ReadOnlySpan<int> UsersOf(int item) => ItemUsers.AsSpan(ItemStart[item], ItemStart[item + 1] - ItemStart[item]);

    public ReadOnlySpan<float> ItemValuesOf(int item) => ItemValues.AsSpan(ItemStart[item], ItemStart[item + 1] - ItemStart[item]);

    public int CountOf(int user) => UserStart[user + 1] - UserStart[user];

    /// <summary>Builds from (user, item, strength) cells; duplicate cells are summed, non-positive cells dropped.</summary>
    public static InteractionMatrix Build(int users, int items, IEnumerable<(int User, int Item, float Value)> cells)
    {
        var merged = new Dictionary<long, float>();
        foreach (var (user, item, value) in cells)
        {
            var key = ((long)user * items) + item;
            merged[key] = merged.GetValueOrDefault(key) + value;
        }

        var kept = merged.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).ToArray();
        var userStart = new int[users + 1];
        var userItems = new int[kept.Length];
        var userValues = new float[kept.Length];
        var itemCounts = new int[items + 1];
        for (var n = 0; n < kept.Length; n++)
        {
            var user = (int)(kept[n].Key / items);
            var item = (int)(kept[n].Key % items);
            userStart[user + 1]++;
            userItems[n] = item;
            userValues[n] = kept[n].Value;
            itemCounts[item + 1]++;
        }

        for (var u = 0; u < users; u++)
        {
            userStart[u + 1] += userStart[u];
        }

        var itemStart = new int[items + 1];
        for (var i = 0; i < items; i++)
        {
            itemStart[i + 1] = itemStart[i] + itemCounts[i + 1];
        }

        var itemUsers = new int[kept.Length];
        var itemValues = new float[kept.Length];
        var fill = (int[])itemStart.Clone();
        for (var u = 0; u < users; u++)
        {
            for (var n = userStart[u]; n < userStart[u + 1]; n++)
            {
                var at = fill[userItems[n]]++;
                itemUsers[at] = u;
                itemValues[at] = userValues[n];
            }
        }

        return new InteractionMatrix(users, items, userStart, userItems, userValues, itemStart, itemUsers, itemValues);
    }
}
