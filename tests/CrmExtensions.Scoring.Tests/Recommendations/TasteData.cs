using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Recommendations;

/// <summary>
/// Purchase histories from a documented hidden process: items belong to categories of unequal size and each has a
/// Zipf popularity inside its category; every customer has a main category (drawn by category weight) taking 75% of
/// their purchases, a second one taking 20% and 5% anywhere. Customers place 3–14 orders of 1–4 lines at random times
/// over a year; 3% of lines are returned a few days later (negative quantity). Collaborative filtering can learn the
/// tastes; popularity cannot.
/// </summary>
internal static class TasteData
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TransactionSet Generate(int customers = 700, int categories = 8, int itemsPerCategory = 25, int seed = 1)
    {
        var random = new Random(seed);
        var categoryWeights = Enumerable.Range(0, categories).Select(c => 1.0 / (c + 1)).ToArray();
        var itemWeights = Enumerable.Range(0, itemsPerCategory).Select(r => 1.0 / Math.Pow(r + 1, 0.8)).ToArray();
        var items = Enumerable.Range(0, categories * itemsPerCategory).Select(i => $"P{i / itemsPerCategory}-{i % itemsPerCategory:00}").ToList();
        var names = new List<string>();
        var lines = new List<TransactionLine>();
        var invoice = 0;
        for (var c = 0; c < customers; c++)
        {
            names.Add($"C{c:0000}");
            var main = Draw(random, categoryWeights);
            var second = random.Next(categories);
            var orders = 3 + random.Next(12);
            for (var o = 0; o < orders; o++)
            {
                var date = Start.AddDays(random.NextDouble() * 365);
                var lineCount = 1 + random.Next(4);
                invoice++;
                for (var l = 0; l < lineCount; l++)
                {
                    var u = random.NextDouble();
                    var category = u < 0.75 ? main : u < 0.95 ? second : random.Next(categories);
                    var item = (category * itemsPerCategory) + Draw(random, itemWeights);
                    var quantity = 1 + random.Next(3);
                    lines.Add(new TransactionLine(c, item, date, quantity, quantity * 10.0, invoice, false));
                    if (random.NextDouble() < 0.03)
                    {
                        lines.Add(new TransactionLine(c, item, date.AddDays(3), -quantity, -quantity * 10.0, -1, true));
                    }
                }
            }
        }

        return TransactionSet.FromLines(names, items, lines);
    }

    private static int Draw(Random random, double[] weights)
    {
        var u = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u <= 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
