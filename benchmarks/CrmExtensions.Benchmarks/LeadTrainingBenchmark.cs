using BenchmarkDotNet.Attributes;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Benchmarks;

/// <summary>Training the lead-conversion model (candidate search, calibration, hold-out metrics) on N closed leads.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 1, invocationCount: 1)]
public class LeadTrainingBenchmark
{
    internal static readonly ModelSpec Spec = new()
    {
        Name = "lead-conversion",
        Entity = "lead",
        Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] },
    };

    private List<CrmRecord> _records = [];

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _records = LeadData.Create(Rows, closed: true, seed: 3);

    [Benchmark]
    public int Train() => SpecTrainer.Train(Spec, _records).Artifact.Length;
}
