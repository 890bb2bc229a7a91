using BenchmarkDotNet.Attributes;
using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Benchmarks;

/// <summary>
/// Case categorisation: single-case latency (pooled prediction engine, cleanup included) and a batch of 1,000 cases,
/// with a model trained on the Bitext sample (samples/bitext-support/train.csv, 27 intents). Training time for 50k
/// cases is measured with <c>crmx categorise</c> (docs/case-categorisation.md): one run takes tens of seconds.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class CaseCategorisationBenchmark
{
    private CaseClassifier _classifier = null!;
    private CaseInput[] _cases = [];

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "bitext-support", "train.csv")))
        {
            dir = dir.Parent;
        }

        var rows = File.ReadLines(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("samples/bitext-support not found"), "samples", "bitext-support", "train.csv"))
            .Skip(1).Select(Split).ToArray();
        _classifier = CaseTrainer.Train([.. rows.Select(r => CaseInput.FromText(r.Text))], [.. rows.Select(r => r.Label)], new CaseClassifierOptions()).Classifier;
        _cases = [.. rows.Take(1_000).Select(r => CaseInput.FromText(r.Text, "<p>Hello,</p><p>" + r.Text + "</p><p>Best regards,<br>Jane</p>"))];
    }

    [Benchmark]
    public double SingleCase() => _classifier.Predict(_cases[42]).Confidence;

    [Benchmark]
    public int Batch1k() => _classifier.Predict(_cases).Length;

    // The sample has no quoted commas in the label column: text is everything before the second-to-last comma.
    private static (string Text, string Label) Split(string line)
    {
        var last = line.LastIndexOf(',');
        var intent = line.LastIndexOf(',', last - 1);
        return (line[..intent].Trim('"'), line[(intent + 1)..last]);
    }
}
