using System.Diagnostics;
using System.Globalization;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Benchmarks;

/// <summary>
/// One-shot runs that print peak working set, which BenchmarkDotNet does not report (its memory column counts managed
/// allocations). Each run is its own process, so the peak belongs to that phase alone:
/// <c>dotnet run -c Release --project benchmarks/CrmExtensions.Benchmarks -- peak train|score ROWS</c>.
/// </summary>
internal static class PeakMemory
{
    public static int Run(string[] args)
    {
        if (args.Length != 3 || args[1] is not ("train" or "score" or "recommend" or "segment")
            || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var rows) || rows < 1)
        {
            Console.Error.WriteLine("usage: peak train|score LEADS | recommend ORDER_LINES | segment CUSTOMERS");
            return 2;
        }

        if (args[1] is "recommend" or "segment")
        {
            return Purchases(args[1], rows);
        }

        var process = Process.GetCurrentProcess();
        var closed = LeadData.Create(args[1] == "train" ? rows : 20_000, closed: true, seed: 3);
        var baseline = Mb(process, refresh: true);
        var clock = Stopwatch.StartNew();
        long done;
        if (args[1] == "train")
        {
            done = SpecTrainer.Train(LeadTrainingBenchmark.Spec, closed).Artifact.Length > 0 ? rows : 0;
        }
        else
        {
            // Scoring streams: records are generated lazily in chunks, so the peak is the model plus one chunk.
            var model = ScoringModel.Load(SpecTrainer.Train(LeadTrainingBenchmark.Spec, closed).Artifact);
            closed = [];
            GC.Collect();
            baseline = Mb(process, refresh: true);
            clock.Restart();
            done = 0;
            foreach (var _ in model.ScoreStream(Chunks(rows), LeadData.AsOf, batchSize: 10_000))
            {
                done++;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{args[1]} {rows:N0} leads: {seconds:F1} s ({done / seconds:N0} rows/s), peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB " +
            $"(data and runtime before the phase: {baseline:N0} MB), managed heap now {GC.GetTotalMemory(false) / 1048576.0:N0} MB"));
        return 0;
    }

    // recommend N: N order lines of 5k customers over 4k products (the issue's 500k case); segment N: N customers with ~5 lines each.
    private static int Purchases(string what, int rows)
    {
        var process = Process.GetCurrentProcess();
        var lines = what == "recommend"
            ? PurchaseData.Create(rows, customers: 5_000, products: 4_000, seed: 1)
            : PurchaseData.Create(rows * 5, customers: rows, products: 400, seed: 1);
        var baseline = Mb(process, refresh: true);
        var clock = Stopwatch.StartNew();
        string figures;
        if (what == "recommend")
        {
            var batch = Scoring.Recommendations.NextBestProduct.Train(lines, new Scoring.Recommendations.RecommendationOptions());
            var m = batch.Metrics?.Values ?? new Dictionary<string, double>();
            figures = string.Create(CultureInfo.InvariantCulture,
                $"{batch.Recommendations.Count:N0} recommendations; hit-rate@10 {m.GetValueOrDefault("hitRate10"):0.000} vs popularity {m.GetValueOrDefault("hitRate10_popularity"):0.000}, item-to-item {m.GetValueOrDefault("hitRate10_itemToItem"):0.000}");
        }
        else
        {
            var result = Scoring.Segmentation.Segmenter.Train(Scoring.Segmentation.Segmenter.FeaturesFrom(lines), new Scoring.Segmentation.SegmentationOptions());
            figures = string.Create(CultureInfo.InvariantCulture, $"{result.K} segments, {result.Assignments.Count:N0} customers assigned");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} {rows:N0}: {seconds:F1} s, peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB (data and runtime before: {baseline:N0} MB); {figures}"));
        return 0;
    }

    private static IEnumerable<Scoring.Records.CrmRecord> Chunks(int rows)
    {
        for (var start = 0; start < rows; start += 10_000)
        {
            foreach (var record in LeadData.Create(Math.Min(10_000, rows - start), closed: false, seed: start))
            {
                yield return record;
            }
        }
    }

    private static double Mb(Process process, bool refresh)
    {
        if (refresh)
        {
            process.Refresh();
        }

        return process.WorkingSet64 / 1048576.0;
    }
}
