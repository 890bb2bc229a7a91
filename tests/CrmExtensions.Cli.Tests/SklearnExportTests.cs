using System.Globalization;
using CrmExtensions.Cli.Bench.Sklearn;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Recommendations;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Training;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Cli.Tests;

/// <summary>The CSV files bench --compare-sklearn hands to scikit-learn carry our split, not a new one (no Python needed).</summary>
public sealed class SklearnExportTests : IDisposable
{
    private static readonly OrgId Org = OrgId.Parse("00000000-0000-0000-0000-0000000000B1");
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ModelSpec Lead = new()
    {
        Name = "lead-conversion", Entity = "lead", TimeField = "createdon",
        Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] },
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-export-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Binary_TrainedSpec_TestRowsAreExactlyTheHoldout()
    {
        var records = Leads(400);
        var result = SpecTrainer.Train(Lead, records, new SpecTrainingOptions
        {
            Training = new TrainingOptions { LeafCandidates = [4], MaxIterations = 20, LinearL2Candidates = [1f] },
        });
        var path = Path.Combine(_folder, "binary.csv");

        var (train, test) = TrainingExport.Binary(path, Lead, records, result);

        var rows = ReadCsv(path);
        var header = rows[0];
        header.Take(3).ShouldBe(["id", "split", "label"]);
        header.ShouldContain("num:budgetamount");
        header.ShouldContain("cat:leadsourcecode");
        header.ShouldNotContain("num:statecode");
        header.ShouldNotContain(h => h.EndsWith(":description", StringComparison.Ordinal));
        var body = rows.Skip(1).ToList();
        body.Where(r => r[1] == "test").Select(r => r[0]).Order().ShouldBe(result.Holdout.Select(r => r.Id).Order());
        (train, test).ShouldBe(((int)result.TrainRows, result.Holdout.Count));
        body.Count(r => r[1] == "train").ShouldBe(train);
        var byId = records.ToDictionary(r => r.Id);
        body.ShouldAllBe(r => r[2] == (SpecLabels.Of(Lead, byId[r[0]]) > 0.5 ? "1" : "0"));
        // Open leads (no label) are neither trained on nor tested.
        body.ShouldNotContain(r => double.IsNaN(SpecLabels.Of(Lead, byId[r[0]])));
        // Dates are ages in days at the decision time, as our feature map sees them.
        var created = header.IndexOf("num:createdon");
        var first = byId[body[0][0]];
        double.Parse(body[0][created], CultureInfo.InvariantCulture)
            .ShouldBe((first.ModifiedOn - ((DateTimeValue)first["createdon"]!).Value).TotalDays, 1e-6);
    }

    [Fact]
    public void Recommendations_Holdout_TestItemsAreNewAfterTheCut()
    {
        var random = new Random(5);
        var lines = Enumerable.Range(0, 3000).Select(i => new OrderLine(
            $"c{random.Next(150)}", new DateTime(2025, 1, 1).AddDays(random.Next(365)), 10, $"p{random.Next(40)}")).ToList();

        var holdout = RankingHoldout.Of(lines, new RecommendationOptions()).ShouldNotBeNull();
        TrainingExport.Recommendations(_folder, holdout);

        var train = ReadCsv(Path.Combine(_folder, "recommend_train.csv")).Skip(1).Select(r => (r[0], r[1])).ToHashSet();
        var test = ReadCsv(Path.Combine(_folder, "recommend_test.csv")).Skip(1).Select(r => (r[0], r[1])).ToList();
        train.ShouldBe(lines.Where(l => l.Date < holdout.Cut).Select(l => (l.Customer, l.Item!)).ToHashSet(), ignoreOrder: true);
        test.ShouldNotBeEmpty();
        test.ShouldAllBe(t => !train.Contains(t) && train.Any(c => c.Item1 == t.Item1));
        test.ShouldAllBe(t => lines.Any(l => l.Customer == t.Item1 && l.Item == t.Item2 && l.Date >= holdout.Cut));
    }

    [Fact]
    public async Task CompareSklearn_NoPython_SaysHowToInstall()
    {
        Environment.SetEnvironmentVariable("CRMX_PYTHON", Path.Combine(_folder, "no-python3-here"));
        try
        {
            var (code, _, error) = await Cli.Run("bench", "--compare-sklearn", "--scale", "200");

            code.ShouldBe(2);
            error.ShouldContain("apt-get install -y python3-sklearn python3-pandas");
        }
        finally
        {
            Environment.SetEnvironmentVariable("CRMX_PYTHON", null);
        }
    }

    private static List<CrmRecord> Leads(int count)
    {
        var random = new Random(11);
        var records = new List<CrmRecord>();
        for (var i = 0; i < count; i++)
        {
            var budget = random.Next(1_000, 100_000);
            var source = random.Next(4);
            var converted = random.NextDouble() < (budget > 50_000 ? 0.7 : 0.25) + (source == 1 ? 0.1 : 0);
            var created = T0.AddDays(-400 + i);
            var state = i % 10 == 0 ? "0" : converted ? "1" : "2";
            records.Add(CrmRecord.Create(Org, "lead", $"lead-{i:D4}", created.AddDays(10 + random.Next(30)),
            [
                new("statecode", new OptionValue(state, null)),
                new("budgetamount", new MoneyValue(budget, "EUR", budget)),
                new("leadsourcecode", new OptionValue(source.ToString(CultureInfo.InvariantCulture), null)),
                new("createdon", new DateTimeValue(created)),
                new("description", new LongTextValue("long text, \"quoted\", that stays out")),
            ]));
        }

        return records;
    }

    // Quoted cells may hold commas and doubled quotes; no cell here spans lines.
    private static List<List<string>> ReadCsv(string path) => [.. File.ReadLines(path).Select(line =>
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    })];
}
