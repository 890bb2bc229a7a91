using System.Globalization;
using System.Text;

namespace CrmExtensions.Scoring.Tests.Csv;

/// <summary>Small CSV files with a known signal: the outcome depends on `score` (with blanks), `source` and `created`.</summary>
internal static class SyntheticCsv
{
    private static readonly string[] Sources = ["web", "phone", "email", "partner"];

    public static string Binary(string dir, string name, int rows, int seed, bool withLabel = true)
    {
        var random = new Random(seed);
        var text = new StringBuilder(withLabel ? "score,source,created,notes,converted\n" : "score,source,created,notes\n");
        for (var i = 0; i < rows; i++)
        {
            var score = random.NextDouble() * 4 - 2;
            var source = Sources[random.Next(Sources.Length)];
            var age = random.Next(0, 365);
            var logit = (1.5 * score) + (source == "web" ? 1 : source == "partner" ? -1 : 0) - (age / 200.0);
            var converted = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            var blank = random.NextDouble() < 0.1;
            text.Append(blank ? "" : score.ToString("F3", CultureInfo.InvariantCulture)).Append(',')
                .Append(source).Append(',')
                .Append(new DateOnly(2025, 12, 31).AddDays(-age).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(converted ? "\"asked for a quote, call back\"" : "\"no reply\"");
            if (withLabel)
            {
                text.Append(',').Append(converted ? "yes" : "no");
            }

            text.Append('\n');
        }

        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public static string Regression(string dir, string name, int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("size,region,spend\n");
        for (var i = 0; i < rows; i++)
        {
            var size = random.NextDouble() * 10;
            var region = Sources[random.Next(Sources.Length)];
            var spend = (100 * size) + (region == "web" ? 300 : 0) + (random.NextDouble() * 50);
            text.Append(size.ToString("F3", CultureInfo.InvariantCulture)).Append(',').Append(region).Append(',')
                .Append(spend.ToString("F2", CultureInfo.InvariantCulture)).Append('\n');
        }

        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public static string Write(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
