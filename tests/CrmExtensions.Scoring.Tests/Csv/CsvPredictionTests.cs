using CrmExtensions.Scoring.Csv;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Tests.Csv;

public sealed class CsvPredictionTests : IDisposable
{
    private static readonly TrainingOptions Quick = new() { LeafCandidates = [8], MaxIterations = 100, LinearL2Candidates = [1f] };
    private readonly string _dir = Directory.CreateTempSubdirectory("crmx-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CsvPredictionOptions Options(string train, string test, string label = "converted") =>
        new() { TrainPath = train, TestPath = test, OutputPath = Path.Combine(_dir, "out.csv"), Label = label, Training = Quick };

    [Fact]
    public async Task RunAsync_BinaryWithLabelledTest_WritesOneRowPerTestRowAndHoldoutMetrics()
    {
        var train = SyntheticCsv.Binary(_dir, "train.csv", 2000, seed: 1);
        var test = SyntheticCsv.Binary(_dir, "test.csv", 500, seed: 2);

        var result = await CsvPrediction.RunAsync(Options(train, test), TextWriter.Null);

        result.Kind.ShouldBe(ModelKind.Binary);
        result.PositiveClass.ShouldBe("yes");
        result.HoldoutMetrics!.HoldoutRows.ShouldBe(500);
        result.HoldoutMetrics.Values["auc"].ShouldBeGreaterThan(0.75);
        result.HoldoutMetrics.Values.Keys.ShouldBeSubsetOf(["auc", "prAuc", "logLoss", "brier", "topDecileLift", "positiveRate"]);
        result.HoldoutMetrics.Details.ShouldNotBeNull();
        var json = result.HoldoutMetrics.ToJson();
        json.ShouldContain("\"calibration\"");
        ModelMetrics.FromJson(json).Values["auc"].ShouldBe(result.HoldoutMetrics.Values["auc"]);
        var rows = ReadOutput();
        rows.Count.ShouldBe(500);
        rows.Select(r => r[0]).ShouldBe(Enumerable.Range(0, 500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var row in rows)
        {
            var score = double.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture);
            var confidence = double.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture);
            score.ShouldBeInRange(0, 1);
            row[2].ShouldBe(score >= 0.5 ? "yes" : "no");
            confidence.ShouldBe(Math.Max(score, 1 - score), 1e-5);
        }

        rows.ShouldContain(r => r[4].Contains("score", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TestWithoutLabel_PredictsWithoutHoldoutMetrics()
    {
        var train = SyntheticCsv.Binary(_dir, "train.csv", 1000, seed: 1);
        var test = SyntheticCsv.Binary(_dir, "test.csv", 50, seed: 2, withLabel: false);

        var result = await CsvPrediction.RunAsync(Options(train, test), TextWriter.Null);

        result.HoldoutMetrics.ShouldBeNull();
        ReadOutput().Count.ShouldBe(50);
    }

    [Fact]
    public async Task RunAsync_Regression_ReportsRmseMaeR2()
    {
        var train = SyntheticCsv.Regression(_dir, "train.csv", 1500, seed: 3);
        var test = SyntheticCsv.Regression(_dir, "test.csv", 300, seed: 4);

        var result = await CsvPrediction.RunAsync(Options(train, test, "spend"), TextWriter.Null);

        result.Kind.ShouldBe(ModelKind.Regression);
        result.HoldoutMetrics!.Values["r2"].ShouldBeGreaterThan(0.9);
        result.HoldoutMetrics.Values.Keys.ShouldContain("rmse");
        result.HoldoutMetrics.Values.Keys.ShouldContain("mae");
        ReadOutput().ShouldAllBe(r => r[3] == "");
    }

    [Fact]
    public async Task RunAsync_EmptyLabel_NamesLineAndColumn()
    {
        var train = SyntheticCsv.Write(_dir, "train.csv", "a,converted\n1,yes\n2,\n3,no\n");

        var ex = await Should.ThrowAsync<CsvFormatException>(() => CsvPrediction.RunAsync(Options(train, train), TextWriter.Null));

        ex.Line.ShouldBe(3);
        ex.Column.ShouldBe("'converted'");
    }

    [Fact]
    public async Task RunAsync_OneClassOnly_NamesTheLabelColumn()
    {
        var train = SyntheticCsv.Write(_dir, "train.csv", "a,converted\n1,yes\n2,yes\n");

        var ex = await Should.ThrowAsync<CsvFormatException>(() => CsvPrediction.RunAsync(Options(train, train), TextWriter.Null));

        ex.Column.ShouldBe("'converted'");
        ex.Message.ShouldContain("single distinct value");
        ex.Message.ShouldNotContain("yes");
    }

    [Fact]
    public async Task RunAsync_MissingLabelColumn_IsRefused()
    {
        var train = SyntheticCsv.Write(_dir, "train.csv", "a,b\n1,yes\n2,no\n");

        var ex = await Should.ThrowAsync<CsvFormatException>(() => CsvPrediction.RunAsync(Options(train, train), TextWriter.Null));

        ex.Message.ShouldContain("not in the header");
    }

    [Fact]
    public async Task RunAsync_IgnoredAndOutputColumns_AreNotFeatures()
    {
        var train = SyntheticCsv.Binary(_dir, "train.csv", 400, seed: 5);
        var text = File.ReadAllLines(train);
        File.WriteAllLines(train, text.Select((l, i) => (i == 0 ? "crmx_score," : "50,") + l));

        var result = await CsvPrediction.RunAsync(Options(train, train) with { IgnoreColumns = ["notes"] }, TextWriter.Null);

        result.Columns.Single(c => c.Name == "crmx_score").Kind.ShouldBe(ColumnKind.Ignored);
        result.Columns.Single(c => c.Name == "notes").Reason.ShouldContain("--ignore");
    }

    [Fact]
    public async Task RunAsync_PositiveValueOfThreeClassLabel_PredictsThatClassAgainstTheRest()
    {
        var train = SyntheticCsv.Binary(_dir, "train.csv", 900, seed: 6);
        var lines = File.ReadAllLines(train);
        File.WriteAllLines(train, lines.Select((l, i) => i > 0 && i % 3 == 0 && l.EndsWith(",no", StringComparison.Ordinal) ? l[..^3] + ",maybe" : l));

        var result = await CsvPrediction.RunAsync(Options(train, train) with { Positive = "YES" }, TextWriter.Null);

        result.Kind.ShouldBe(ModelKind.Binary);
        result.PositiveClass.ShouldBe("yes");
        ReadOutput().Select(r => r[2]).Distinct().ShouldBeSubsetOf(["yes", "not yes"]);
    }

    [Fact]
    public async Task RunAsync_RegressionRequestedOnTextLabel_NamesTheLine()
    {
        var train = SyntheticCsv.Write(_dir, "train.csv", "a,converted\n1,12\n2,lots\n");

        var ex = await Should.ThrowAsync<CsvFormatException>(() => CsvPrediction.RunAsync(Options(train, train) with { Kind = PredictionKind.Regression }, TextWriter.Null));

        ex.Line.ShouldBe(3);
        ex.Message.ShouldNotContain("lots");
    }

    [Theory]
    [InlineData(12)]
    [InlineData(40)]
    public async Task RunAsync_TinyTrainingFile_StillPredictsEveryRow(int rows)
    {
        var train = SyntheticCsv.Binary(_dir, "train.csv", rows, seed: 7);
        var test = SyntheticCsv.Binary(_dir, "test.csv", 30, seed: 8);
        var lines = File.ReadAllLines(train);
        // Make sure both classes occur.
        lines[1] = lines[1][..lines[1].LastIndexOf(',')] + ",yes";
        lines[2] = lines[2][..lines[2].LastIndexOf(',')] + ",no";
        File.WriteAllLines(train, lines);

        var result = await CsvPrediction.RunAsync(Options(train, test), TextWriter.Null);

        result.PredictionRows.ShouldBe(30);
        ReadOutput().ShouldAllBe(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private List<string[]> ReadOutput()
    {
        using var reader = new StreamReader(Path.Combine(_dir, "out.csv"));
        var table = CsvReader.Read(reader, "out", ',');
        table.Header.ShouldBe(["row", "score", "label", "confidence", "reasons"]);
        return [.. table.Rows.Select(r => r.Select(c => c ?? "").ToArray())];
    }
}
