using BenchmarkDotNet.Attributes;
using CrmExtensions.Scoring.Recommendations;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Benchmarks;

/// <summary>
/// One implicit-feedback ALS iteration (both half-steps, conjugate gradient) against the default twelve, on 20,000
/// customers × 2,000 products from 200,000 order lines, 32 factors.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AlsIterationBenchmark
{
    private InteractionMatrix _matrix = null!;

    [GlobalSetup]
    public void Setup() =>
        _matrix = InteractionBuilder.Build(TransactionSet.FromOrderLines(PurchaseData.Create(200_000, 20_000, 2_000, seed: 3)));

    [Benchmark]
    public double OneIteration() => ImplicitAls.Train(_matrix, new AlsSettings(Iterations: 1)).ItemFactors[0];

    [Benchmark]
    public double TwelveIterations() => ImplicitAls.Train(_matrix, new AlsSettings()).ItemFactors[0];
}
