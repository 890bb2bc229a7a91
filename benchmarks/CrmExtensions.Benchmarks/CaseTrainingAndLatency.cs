using System.Diagnostics;
using System.Globalization;
using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Benchmarks;

/// <summary>
/// Training seconds for N sandbox cases and single-case latency percentiles, in one process:
/// <c>dotnet run -c Release --project benchmarks/CrmExtensions.Benchmarks -- cases-train-latency 50000</c>.
/// Cases are the sandbox's incidents (English and Chinese), read over its Web API from as many seeds (scale 42,000
/// each, ~12,000 incidents) as it takes to reach N training cases; a further 5,000 never trained on are timed one
/// at a time through <see cref="CaseClassifier.Predict(CaseInput)"/> (cleanup and language detection included),
/// after 500 warm-up calls. BenchmarkDotNet reports means, not per-call percentiles, so this command does.
/// </summary>
internal static class CaseTrainingAndLatency
{
    private const int LatencyCases = 5_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var rows) || rows < 100)
        {
            Console.Error.WriteLine("usage: cases-train-latency TRAINING_CASES");
            return 2;
        }

        var cases = new List<SandboxCase>();
        for (var seed = 1; cases.Count < rows + LatencyCases; seed++)
        {
            cases.AddRange(await SandboxCases.ReadAsync(42_000, seed));
        }

        var train = cases.Take(rows).ToList();
        var timed = cases.Skip(rows).Take(LatencyCases).Select(c => CaseInput.FromText(c.Title, c.Description)).ToArray();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var cpu = process.TotalProcessorTime;
        var trained = CaseTrainer.Train([.. train.Select(c => CaseInput.FromText(c.Title, c.Description))], [.. train.Select(c => (string?)c.Category)], new CaseClassifierOptions());
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training on {train.Count:N0} sandbox cases: {seconds:F1} s wall clock, {cpuSeconds:F1} s CPU, peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB; chosen {trained.Classifier.Trainer}"));
        foreach (var note in trained.Notes)
        {
            Console.WriteLine("  " + note);
        }

        var classifier = trained.Classifier;
        for (var i = 0; i < 500; i++)
        {
            classifier.Predict(timed[i % timed.Length]);
        }

        var micros = new double[timed.Length];
        for (var i = 0; i < timed.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            classifier.Predict(timed[i]);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(micros);
        double P(double q) => micros[Math.Min(micros.Length - 1, (int)Math.Ceiling(q * micros.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"single-case latency over {micros.Length:N0} unseen cases: p50 {P(0.50):F0} µs, p90 {P(0.90):F0} µs, p99 {P(0.99):F0} µs, max {micros[^1]:F0} µs, mean {micros.Average():F0} µs"));
        return 0;
    }
}
