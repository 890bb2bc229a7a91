using CrmExtensions.Scoring.Csv;
using CrmExtensions.Scoring.Models;
using Xunit.Abstractions;

namespace CrmExtensions.Scoring.Tests.Csv;

public sealed class BankMarketingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_BankMarketingStratifiedSplit_ReachesReferenceAuc()
    {
        var files = BankMarketingSplit.Get();
        files.ShouldNotBeNull("the bank-marketing dataset (../shared/datasets or CRMX_DATASETS) was not found");
        var predictions = Path.Combine(Path.GetDirectoryName(files.Value.Test)!, $"predictions.{Environment.ProcessId}.csv");
        var report = new StringWriter();

        var result = await CsvPrediction.RunAsync(
            new CsvPredictionOptions { TrainPath = files.Value.Train, TestPath = files.Value.Test, OutputPath = predictions, Label = "y", Separator = ';' },
            report);

        var text = report.ToString();
        output.WriteLine(text);
        result.Kind.ShouldBe(ModelKind.Binary);
        result.PositiveClass.ShouldBe("yes");
        result.HoldoutMetrics.ShouldNotBeNull();
        result.HoldoutMetrics.Values["auc"].ShouldBeGreaterThanOrEqualTo(0.795, text);
        var lines = File.ReadAllLines(predictions);
        lines.Length.ShouldBe(result.PredictionRows + 1);
        lines[0].ShouldBe("row,score,label,confidence,reasons");
        File.Delete(predictions);
    }
}
