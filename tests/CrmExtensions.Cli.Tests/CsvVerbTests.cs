using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrmExtensions.Cli.Tests;

/// <summary>The CSV verbs end to end through the command line, on small generated files with a known signal.</summary>
public sealed class CsvVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-csv-").FullName;

    [Fact]
    public async Task Predict_BinaryWithSignal_WritesOneRowPerTestRowAndBeatsChance()
    {
        var train = Write("train.csv", Leads(1200, seed: 1));
        var test = Write("test.csv", Leads(400, seed: 2));
        var output = Path.Combine(_folder, "predictions.csv");

        var (code, stdout, error) = await Cli.Run("predict", "--train", train, "--test", test, "--label", "converted", "--positive", "yes", "--out", output, "--json");

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("holdout").GetProperty("values").GetProperty("auc").GetDouble().ShouldBeGreaterThan(0.7);
        var lines = await File.ReadAllLinesAsync(output);
        lines[0].ShouldBe("row,score,label,confidence,reasons");
        lines.Length.ShouldBe(401);
    }

    [Fact]
    public async Task Predict_RaggedRow_ExitsTwoNamingLineWithoutValue()
    {
        var train = Write("ragged.csv", "a,b,converted\n1,2,yes\n3,secret-value,4,no\n");

        var (code, _, error) = await Cli.Run("predict", "--train", train, "--test", train, "--label", "converted", "--out", Path.Combine(_folder, "p.csv"));

        code.ShouldBe(2);
        error.ShouldContain("line 3");
        error.ShouldNotContain("secret-value");
    }

    [Fact]
    public async Task Predict_MissingFile_ExitsTwo()
    {
        var (code, _, error) = await Cli.Run("predict", "--train", Path.Combine(_folder, "none.csv"), "--test", "x.csv", "--label", "y", "--out", "p.csv");

        code.ShouldBe(2);
        error.ShouldStartWith("crmx: ");
    }

    [Fact]
    public async Task SegmentAndRecommend_Transactions_WriteEveryCustomer()
    {
        var transactions = Write("tx.csv", Transactions(customers: 120, seed: 3));
        var segments = Path.Combine(_folder, "segments.csv");
        var recommendations = Path.Combine(_folder, "recs.csv");

        var segment = await Cli.Run("segment", "--transactions", transactions, "--customer", "customer", "--date", "date",
            "--quantity", "quantity", "--price", "price", "--out", segments);
        var recommend = await Cli.Run("recommend", "--transactions", transactions, "--customer", "customer", "--item", "item",
            "--date", "date", "--quantity", "quantity", "--top", "5", "--out", recommendations);

        segment.Error.ShouldBeEmpty();
        segment.Code.ShouldBe(0);
        recommend.Error.ShouldBeEmpty();
        recommend.Code.ShouldBe(0);
        var segmentRows = (await File.ReadAllLinesAsync(segments)).Skip(1).ToList();
        segmentRows.Select(r => r.Split(',')[0]).Distinct().Count().ShouldBe(120);
        var recRows = (await File.ReadAllLinesAsync(recommendations)).Skip(1).ToList();
        recRows.Select(r => r.Split(',')[0]).Distinct().Count().ShouldBe(120);
    }

    [Fact]
    public async Task Segment_WithoutAmountOrQuantityAndPrice_ExitsTwo()
    {
        var transactions = Write("tx.csv", Transactions(customers: 10, seed: 4));

        var (code, _, error) = await Cli.Run("segment", "--transactions", transactions, "--customer", "customer", "--date", "date", "--out", "s.csv");

        code.ShouldBe(2);
        error.ShouldContain("--amount");
    }

    [Fact]
    public async Task Sandbox_BadOrgs_ExitsTwo()
    {
        var (code, _, _) = await Cli.Run("sandbox", "--orgs", "0");

        code.ShouldBe(2);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    // Leads whose conversion depends on source and engagement through a noisy logistic process.
    private static string Leads(int rows, int seed)
    {
        var random = new Random(seed);
        var sources = new[] { "Web", "Referral", "Event", "Cold call" };
        var text = new StringBuilder("source,visits,employees,created,converted\n");
        for (var i = 0; i < rows; i++)
        {
            var source = sources[random.Next(sources.Length)];
            var visits = random.Next(0, 20);
            var employees = random.Next(1, 5000);
            var logit = -2 + (source == "Referral" ? 1.5 : source == "Cold call" ? -1 : 0) + visits * 0.15 + random.NextDouble() * 1.5;
            var converted = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? "yes" : "no";
            var created = new DateOnly(2025, 1, 1).AddDays(random.Next(365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{source},{visits},{employees},{created},{converted}\n");
        }

        return text.ToString();
    }

    // Customers with a favourite category of products.
    private static string Transactions(int customers, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("customer,item,date,quantity,price\n");
        for (var c = 0; c < customers; c++)
        {
            var taste = random.Next(4);
            for (var line = 0; line < 3 + random.Next(10); line++)
            {
                var category = random.NextDouble() < 0.8 ? taste : random.Next(4);
                var item = $"P{category}{random.Next(10)}";
                var date = new DateOnly(2025, 1, 1).AddDays(random.Next(500)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var quantity = random.NextDouble() < 0.03 ? -1 : 1 + random.Next(3);
                text.Append(CultureInfo.InvariantCulture, $"C{c:D4},{item},{date},{quantity},{10 + category * 5}.50\n");
            }
        }

        return text.ToString();
    }
}
