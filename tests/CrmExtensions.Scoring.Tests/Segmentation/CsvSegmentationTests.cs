using System.Globalization;
using CrmExtensions.Scoring.Segmentation;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Tests.Segmentation;

public sealed class CsvSegmentationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crmx-seg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_ProfileDataWithQuantityPriceAndCancellations_WritesEveryCustomerAndProfiles()
    {
        var input = await WriteProfileCsvAsync(seed: 1);
        var output = Path.Combine(_dir, "segments.csv");
        var report = new StringWriter();

        var result = await CsvSegmentation.RunAsync(Options(input, output), report);

        using var reader = new StreamReader(output);
        var rows = CsvReader.Read(reader, ',').Skip(1).Select(r => r.Fields).ToList();
        rows.Count.ShouldBe(600);
        result.Segmentation.K.ShouldBe(4);
        foreach (var row in rows)
        {
            row[2].ShouldStartWith(ProfileData.ProfileOf(int.Parse(row[0][1..], CultureInfo.InvariantCulture)));
        }
        report.ToString().ShouldContain("Champions: recent, frequent, high spend");
        report.ToString().ShouldContain("silhouette");
    }

    [Fact]
    public async Task RunAsync_SecondRunWithStateFile_KeepsCustomersInTheirNamedSegments()
    {
        var state = Path.Combine(_dir, "state.json");
        var first = await CsvSegmentation.RunAsync(Options(await WriteProfileCsvAsync(seed: 1), Path.Combine(_dir, "s1.csv")) with { StatePath = state }, TextWriter.Null);

        var report = new StringWriter();
        var second = await CsvSegmentation.RunAsync(
            Options(await WriteProfileCsvAsync(seed: 3), Path.Combine(_dir, "s2.csv")) with { StatePath = state, Model = new SegmentationOptions { Seed = 41 } },
            report);

        var hopped = first.Segmentation.Assignments.Zip(second.Segmentation.Assignments).Count(p => p.First.SegmentName != p.Second.SegmentName);
        hopped.ShouldBeLessThanOrEqualTo(6);
        report.ToString().ShouldContain("4 of 4 segments kept their id and name");
    }

    [Fact]
    public async Task RunAsync_NeitherAmountNorQuantityAndPrice_ThrowsArgumentException()
    {
        var input = await WriteProfileCsvAsync(seed: 1);

        await Should.ThrowAsync<ArgumentException>(() => CsvSegmentation.RunAsync(
            Options(input, Path.Combine(_dir, "o.csv")) with { PriceColumn = null }, TextWriter.Null));
    }

    [Fact]
    public async Task RunAsync_MissingDateColumn_ErrorNamesColumn()
    {
        var input = await WriteProfileCsvAsync(seed: 1);

        var ex = await Should.ThrowAsync<TransactionFileException>(() => CsvSegmentation.RunAsync(
            Options(input, Path.Combine(_dir, "o.csv")) with { DateColumn = "OrderDate" }, TextWriter.Null));

        ex.Message.ShouldBe("line 1, column 'OrderDate': the column named by --date is not in the header");
    }

    [Fact]
    public async Task RunAsync_EmptyFile_ClearError()
    {
        var input = Path.Combine(_dir, "empty.csv");
        await File.WriteAllTextAsync(input, string.Empty);

        var ex = await Should.ThrowAsync<TransactionFileException>(() => CsvSegmentation.RunAsync(Options(input, Path.Combine(_dir, "o.csv")), TextWriter.Null));

        ex.Message.ShouldContain("empty");
    }

    private static CsvSegmentationOptions Options(string input, string output) => new()
    {
        TransactionsPath = input,
        OutputPath = output,
        CustomerColumn = "CustomerID",
        DateColumn = "InvoiceDate",
        QuantityColumn = "Quantity",
        PriceColumn = "UnitPrice",
        InvoiceColumn = "InvoiceNo",
    };

    /// <summary>Online-Retail-shaped export: cancellations as "C" invoices with a negative quantity.</summary>
    private async Task<string> WriteProfileCsvAsync(int seed)
    {
        var set = ProfileData.Generate(seed: seed);
        var path = Path.Combine(_dir, $"t{seed}.csv");
        await File.WriteAllLinesAsync(path, new[] { "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID" }.Concat(set.Lines.Select(l =>
            string.Create(CultureInfo.InvariantCulture,
                $"{(l.IsReturn ? "C" : string.Empty)}{l.Invoice},X1,{(l.IsReturn ? -2 : 2)},{l.Date:M/d/yyyy H:mm},{Math.Abs(l.Amount) / 2:0.####},{set.Customers[l.Customer]}"))));
        return path;
    }
}
