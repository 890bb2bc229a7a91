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
        if (args.Length != 3 || args[1] is not ("train" or "score") || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var rows) || rows < 1)
        {
            Console.Error.WriteLine("usage: peak train|score ROWS");
            return 2;
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
