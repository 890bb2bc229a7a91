using System.Text;
using CrmExtensions.Scoring.Csv;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Tabular;
using Xunit.Abstractions;

namespace CrmExtensions.Scoring.Tests.Csv;

public sealed class BitextTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_BitextIntentFromInstruction_LearnsManyClasses()
    {
        var path = Datasets.Find(Path.Combine("bitext-support", "Bitext_Sample_Customer_Support_Training_Dataset.csv"));
        path.ShouldNotBeNull("the bitext-support dataset (../shared/datasets or CRMX_DATASETS) was not found");
        CsvTable table;
        using (var reader = new StreamReader(path))
        {
            table = CsvReader.Read(reader, "bitext", ',');
        }

        var instruction = table.IndexOf("instruction");
        var intent = table.IndexOf("intent");
        // 75/25 split stratified by intent, seed 0: every fourth row of each shuffled class is a test row.
        var random = new Random(0);
        var test = new HashSet<int>();
        foreach (var group in Enumerable.Range(0, table.Rows.Count).GroupBy(r => table.Rows[r][intent]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            test.UnionWith(members.Take((int)Math.Round(members.Length * 0.25)));
        }

        var dir = Directory.CreateTempSubdirectory("crmx-bitext-").FullName;
        string Write(string name, Func<int, bool> keep)
        {
            var text = new StringBuilder("instruction,intent\n");
            for (var r = 0; r < table.Rows.Count; r++)
            {
                if (keep(r))
                {
                    text.Append('"').Append(table.Rows[r][instruction]!.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",").Append(table.Rows[r][intent]).Append('\n');
                }
            }

            var file = Path.Combine(dir, name);
            File.WriteAllText(file, text.ToString());
            return file;
        }

        var report = new StringWriter();
        var result = await CsvPrediction.RunAsync(
            new CsvPredictionOptions
            {
                TrainPath = Write("train.csv", r => !test.Contains(r)), TestPath = Write("test.csv", test.Contains),
                OutputPath = Path.Combine(dir, "out.csv"), Label = "intent", TextColumns = ["instruction"],
            },
            report);
        output.WriteLine(report.ToString());

        result.Kind.ShouldBe(ModelKind.Multiclass);
        result.HoldoutMetrics!.Values["accuracy"].ShouldBeGreaterThan(0.95, report.ToString());
        File.ReadAllLines(Path.Combine(dir, "out.csv")).Length.ShouldBe(test.Count + 1);
        Directory.Delete(dir, recursive: true);
    }
}
