namespace CrmExtensions.Cli.Tests;

/// <summary><c>crmx categorise</c> end to end on part of the repository's Bitext sample (samples/bitext-support).</summary>
public sealed class CategoriseVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-categorise-").FullName;

    [Fact]
    public async Task Categorise_BitextSample_WritesTierPerTestRowAndPrintsHoldoutFigures()
    {
        var train = Head("train.csv", 900);
        var test = Head("test.csv", 300);
        var output = Path.Combine(_folder, "out.csv");

        var (code, stdout, error) = await Cli.Run("categorise", "--train", train, "--test", test, "--text", "instruction", "--label", "category",
            "--auto-precision", "0.95", "--out", output);

        error.ShouldBeEmpty();
        code.ShouldBe(0);
        stdout.ShouldContain("tiers: auto-apply target precision 0.95");
        stdout.ShouldMatch(@"(?s).*  accuracy: (0\.9\d{3}|1\.0000).*");
        stdout.ShouldContain("language latin:");
        var lines = await File.ReadAllLinesAsync(output);
        lines[0].ShouldBe("row,category,confidence,tier,alternatives,top,language");
        lines.Length.ShouldBe(301);
        lines.Skip(1).ShouldAllBe(l => l.Contains(",Auto,", StringComparison.Ordinal) || l.Contains(",Suggest,", StringComparison.Ordinal) || l.Contains(",Review,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Categorise_MissingTextColumn_ExitsTwoNamingTheColumn()
    {
        var train = Head("train.csv", 50);

        var (code, _, error) = await Cli.Run("categorise", "--train", train, "--test", train, "--text", "subject", "--label", "category", "--out", Path.Combine(_folder, "o.csv"));

        code.ShouldBe(2);
        error.ShouldContain("'subject'");
    }

    [Fact]
    public async Task Categorise_TooFewLabelledCases_ExitsOneSayingHowManyAreNeeded()
    {
        var train = Path.Combine(_folder, "few.csv");
        await File.WriteAllTextAsync(train, "text,category\nbill wrong,private-a\nparcel late,private-b\nbill again,private-a\n");

        var (code, _, error) = await Cli.Run("categorise", "--train", train, "--test", train, "--text", "text", "--label", "category", "--out", Path.Combine(_folder, "o.csv"));

        code.ShouldBe(1);
        error.ShouldContain("at least 10 cases in each of at least 2 categories");
        error.ShouldNotContain("private-a");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The first rows of a sample file (header included), copied to the temp folder.
    private string Head(string name, int rows)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "bitext-support", name)))
        {
            dir = dir.Parent;
        }

        dir.ShouldNotBeNull("samples/bitext-support was not found above the test binaries");
        var target = Path.Combine(_folder, name);
        File.WriteAllLines(target, File.ReadLines(Path.Combine(dir.FullName, "samples", "bitext-support", name)).Take(rows + 1));
        return target;
    }
}
