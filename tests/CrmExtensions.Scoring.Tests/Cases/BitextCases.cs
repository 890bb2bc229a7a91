using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Tests.Csv;

namespace CrmExtensions.Scoring.Tests.Cases;

/// <summary>
/// The Bitext customer-support file (real CDLA-Sharing data, English) split 75/25 stratified by intent with a
/// fixed seed; a unit test takes a sample of the training part to keep training short.
/// </summary>
internal static class BitextCases
{
    public static (List<(string Text, string Intent)> Train, List<(string Text, string Intent)> Test) Split(int trainPerIntent, int seed = 0)
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
        var random = new Random(seed);
        var train = new List<(string, string)>();
        var test = new List<(string, string)>();
        foreach (var group in table.Rows.GroupBy(r => r[intent]!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var cut = (int)Math.Round(members.Length * 0.25);
            test.AddRange(members.Take(cut).Select(r => (r[instruction]!, r[intent]!)));
            train.AddRange(members.Skip(cut).Take(trainPerIntent).Select(r => (r[instruction]!, r[intent]!)));
        }

        return (train, test);
    }
}
