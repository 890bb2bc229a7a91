using System.Globalization;
using CrmExtensions.Scoring.Recommendations;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Recommendations;

public sealed class CsvRecommendationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crmx-recs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_TasteDataWithDates_WritesTopNForEveryCustomerAndReportsMetrics()
    {
        var set = TasteData.Generate(customers: 300, categories: 5, itemsPerCategory: 12);
        var input = Path.Combine(_dir, "t.csv");
        await File.WriteAllLinesAsync(input, new[] { "invoice,customer,product,ordered,qty" }
            .Concat(set.Lines.Select(l => string.Create(CultureInfo.InvariantCulture,
                $"{(l.IsReturn ? "C9" : "9")}{l.Invoice},{set.Customers[l.Customer]},\"{set.Items[l.Item]}\",{l.Date:yyyy-MM-ddTHH:mm:ss},{Math.Abs(l.Quantity)}"))));
        var output = Path.Combine(_dir, "recs.csv");
        var report = new StringWriter();

        var result = await CsvRecommendation.RunAsync(new CsvRecommendationOptions
        {
            TransactionsPath = input,
            OutputPath = output,
            CustomerColumn = "customer",
            ItemColumn = "product",
            DateColumn = "ordered",
            QuantityColumn = "qty",
            InvoiceColumn = "invoice",
            Model = new RecommendationOptions { Top = 5 },
        }, report);

        using var reader = new StreamReader(output);
        var rows = CsvReader.Read(reader, ',').Skip(1).Select(r => r.Fields).ToList();
        result.Customers.ShouldBe(300);
        rows.Select(r => r[0]).Distinct().Count().ShouldBe(300);
        rows.GroupBy(r => r[0]).ShouldAllBe(g => g.Count() == 5);
        result.Metrics.ShouldNotBeNull().Values.ContainsKey("hitRate10_itemToItem").ShouldBeTrue();
        report.ToString().ShouldContain("popularity");
        report.ToString().ShouldContain("hit-rate@10");
    }

    [Fact]
    public async Task RunAsync_NoDateColumn_WritesRecommendationsWithoutMetrics()
    {
        var input = Path.Combine(_dir, "t.csv");
        await File.WriteAllTextAsync(input, "c,i\nk1,a\nk1,b\nk2,a\nk2,c\nk3,b\n");
        var output = Path.Combine(_dir, "recs.csv");
        var report = new StringWriter();

        var result = await CsvRecommendation.RunAsync(
            new CsvRecommendationOptions { TransactionsPath = input, OutputPath = output, CustomerColumn = "c", ItemColumn = "i" }, report);

        result.Metrics.ShouldBeNull();
        result.RowsWritten.ShouldBeGreaterThan(0);
        report.ToString().ShouldContain("No evaluation");
    }

    [Fact]
    public async Task RunAsync_SemicolonSeparatorAndQuotedFields_ReadsAndWritesWithSeparator()
    {
        var input = Path.Combine(_dir, "t.csv");
        await File.WriteAllTextAsync(input, "c;i\nk1;\"a;1\"\nk1;b\nk2;\"a;1\"\nk2;c\nk3;b\n");
        var output = Path.Combine(_dir, "recs.csv");

        await CsvRecommendation.RunAsync(
            new CsvRecommendationOptions { TransactionsPath = input, OutputPath = output, CustomerColumn = "c", ItemColumn = "i", Separator = ';' },
            TextWriter.Null);

        using var reader = new StreamReader(output);
        var rows = CsvReader.Read(reader, ';').ToList();
        rows[0].Fields.ShouldBe(["customer", "rank", "item", "score", "reason"]);
        rows.Skip(1).Where(r => r.Fields[0] == "k3").Select(r => r.Fields[2]).ShouldContain("a;1");
    }

    [Fact]
    public async Task RunAsync_MissingFile_ThrowsTransactionFileException()
    {
        await Should.ThrowAsync<TransactionFileException>(() => CsvRecommendation.RunAsync(
            new CsvRecommendationOptions
            {
                TransactionsPath = Path.Combine(_dir, "none.csv"), OutputPath = Path.Combine(_dir, "o.csv"), CustomerColumn = "c", ItemColumn = "i",
            },
            TextWriter.Null));
    }
}
