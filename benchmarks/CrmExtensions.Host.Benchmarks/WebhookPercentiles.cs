using System.Globalization;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;

namespace CrmExtensions.Host.Benchmarks;

/// <summary>Percentiles over single-payload iterations (invocation count 1), against the 50 ms aim.</summary>
internal static class WebhookPercentiles
{
    private const double AimMilliseconds = 50;

    public static int Print(Summary summary, TextWriter output)
    {
        foreach (var report in summary.Reports)
        {
            var ms = report.AllMeasurements
                .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
                .Select(m => m.Nanoseconds / m.Operations / 1e6).Order().ToList();
            if (ms.Count == 0)
            {
                output.WriteLine($"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo}: no measurements");
                return 1;
            }

            double P(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p / 100 * ms.Count) - 1)];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo}: n={ms.Count} p50={P(50):0.00} ms p95={P(95):0.00} ms p99={P(99):0.00} ms max={ms[^1]:0.00} ms (aim: p99 < {AimMilliseconds} ms: {(P(99) < AimMilliseconds ? "met" : "NOT met")})"));
        }

        return 0;
    }
}
