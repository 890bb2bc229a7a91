using System.Text;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Training;

namespace CrmExtensions.Scoring.Tests.Csv;

/// <summary>
/// The reference split of ../shared/datasets/bank-marketing: `duration` dropped (it leaks the outcome), 75/25
/// stratified by `y` with seed 0, written once per test run as two `;`-separated files.
/// </summary>
internal static class BankMarketingSplit
{
    private static readonly Lazy<(string Train, string Test)?> Files = new(Make);

    public static string? Source => Locate();

    public static (string Train, string Test)? Get() => Files.Value;

    private static string? Locate() => Datasets.Find(Path.Combine("bank-marketing", "bank-additional-full.csv"));

    private static (string Train, string Test)? Make()
    {
        var source = Locate();
        if (source is null)
        {
            return null;
        }

        CsvTable table;
        using (var reader = new StreamReader(source))
        {
            table = CsvReader.Read(reader, "bank", ';');
        }

        var keep = Enumerable.Range(0, table.Header.Count).Where(c => table.Header[c] != "duration").ToArray();
        var label = table.IndexOf("y");
        var labels = table.Rows.Select(r => r[label] == "yes").ToArray();
        var (train, test) = Splits.Stratified(labels, Enumerable.Range(0, labels.Length).ToArray(), 0.25, seed: 0);
        // One fixed folder per user, rewritten each run, so repeated runs do not litter the temp folder.
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"crmx-bank-seed0-{Environment.UserName}")).FullName;
        return (Write(Path.Combine(dir, "train.csv"), table, keep, train), Write(Path.Combine(dir, "test.csv"), table, keep, test));
    }

    private static string Write(string path, CsvTable table, int[] keep, int[] rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(';', keep.Select(c => table.Header[c])));
        foreach (var r in rows)
        {
            text.AppendLine(string.Join(';', keep.Select(c => table.Rows[r][c] ?? "")));
        }

        // Write then rename, so a test run in another process never reads a half-written file.
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
