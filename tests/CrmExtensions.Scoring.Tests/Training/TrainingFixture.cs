using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Tabular;
using CrmExtensions.Scoring.Tests.Csv;

namespace CrmExtensions.Scoring.Tests.Training;

/// <summary>Typed synthetic training data for trainer-level tests.</summary>
internal sealed record TrainingFixture(TabularData Data, FeatureMap Map, float[][] X, bool[] Y)
{
    public static TrainingFixture Binary(int rows, int seed)
    {
        var dir = Directory.CreateTempSubdirectory("crmx-fixture-").FullName;
        try
        {
            var path = SyntheticCsv.Binary(dir, "train.csv", rows, seed);
            CsvTable table;
            using (var reader = new StreamReader(path))
            {
                table = CsvReader.Read(reader, "TRAIN", ',');
            }

            var label = table.IndexOf("converted");
            var decisions = Enumerable.Range(0, table.Header.Count).Where(c => c != label)
                .Select(c => ColumnTypeInference.Infer(table, c, table.Header[c] == "notes")).ToList();
            var data = CsvColumns.Build(table, decisions);
            var map = FeatureMap.Fit(data, new FeatureOptions());
            return new TrainingFixture(data, map, map.Matrix(data), [.. table.Rows.Select(r => r[label] == "yes")]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
