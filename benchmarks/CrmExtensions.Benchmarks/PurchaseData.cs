using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Benchmarks;

/// <summary>Order lines where customers of 20 taste groups prefer their group's products, over two years.</summary>
internal static class PurchaseData
{
    public static List<OrderLine> Create(int lines, int customers, int products, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var result = new List<OrderLine>(lines);
        for (var i = 0; i < lines; i++)
        {
            var customer = random.Next(customers);
            var group = customer % 20;
            var product = random.NextDouble() < 0.6
                ? (group * (products / 20)) + random.Next(products / 20)
                : (int)(products * Math.Pow(random.NextDouble(), 2));
            var quantity = random.Next(1, 4);
            result.Add(new OrderLine($"C{customer:D6}", start.AddDays(random.Next(730)), quantity * (10 + (product % 50)),
                $"P{product:D5}", quantity, $"O{i / 3:D7}"));
        }

        return result;
    }
}
