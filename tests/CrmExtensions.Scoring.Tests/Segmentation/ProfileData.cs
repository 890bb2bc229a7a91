using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Segmentation;

/// <summary>
/// Transactions from four documented customer profiles, as of <see cref="AsOf"/>:
/// Champions (25%): first order 400–700 days ago, 15–30 orders, last order 0–20 days ago, 80–150 per order;
/// At risk (20%): first order 400–700 days ago, 8–15 orders, last order 150–300 days ago, 80–150 per order;
/// New (15%): 1–2 orders, the first 3–30 days ago, 30–80 per order;
/// Lapsed (40%): 1–3 orders, the last 200–400 days ago and the first up to 100 days before it, 10–30 per order.
/// Every tenth Champion and At-risk customer also has one cancelled order (a "C" invoice refunding it).
/// The profile of customer i is fixed by i, so another seed gives new histories for the same customers.
/// </summary>
internal static class ProfileData
{
    public static readonly DateTime AsOf = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly string[] Profiles = ["Champions", "At risk", "New", "Lapsed"];

    public static string ProfileOf(int customer) => (customer % 20) switch
    {
        < 5 => "Champions",
        < 9 => "At risk",
        < 12 => "New",
        _ => "Lapsed",
    };

    public static TransactionSet Generate(int customers = 600, int seed = 1)
    {
        var random = new Random(seed);
        var lines = new List<TransactionLine>();
        var invoice = 0;
        for (var c = 0; c < customers; c++)
        {
            var (firstAgo, lastAgo, orders, low, high) = ProfileOf(c) switch
            {
                "Champions" => (Between(random, 400, 700), Between(random, 0, 20), random.Next(15, 31), 80.0, 150.0),
                "At risk" => (Between(random, 400, 700), Between(random, 150, 300), random.Next(8, 16), 80.0, 150.0),
                "New" => (Between(random, 3, 30), 0.0, random.Next(1, 3), 30.0, 80.0),
                _ => (0.0, Between(random, 200, 400), random.Next(1, 4), 10.0, 30.0),
            };
            if (ProfileOf(c) == "New")
            {
                lastAgo = orders == 1 ? firstAgo : Between(random, 0, firstAgo);
            }
            else if (ProfileOf(c) == "Lapsed")
            {
                firstAgo = lastAgo + (orders == 1 ? 0 : Between(random, 1, 100));
            }

            for (var o = 0; o < orders; o++)
            {
                var ago = o == 0 ? firstAgo : o == orders - 1 ? lastAgo : Between(random, lastAgo, firstAgo);
                var amount = Between(random, low, high);
                lines.Add(new TransactionLine(c, -1, AsOf.AddDays(-ago - 1), 1, amount, ++invoice, false));
                if (o == 1 && c % 10 == 0 && ProfileOf(c) is "Champions" or "At risk")
                {
                    lines.Add(new TransactionLine(c, -1, AsOf.AddDays(-ago), -1, -amount, ++invoice, true));
                }
            }
        }

        return new TransactionSet([.. Enumerable.Range(0, customers).Select(c => $"A{c:0000}")], [], lines, true, 0);
    }

    private static double Between(Random random, double low, double high) => low + (random.NextDouble() * (high - low));
}
