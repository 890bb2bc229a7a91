using BenchmarkDotNet.Attributes;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Scores;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Benchmarks;

/// <summary>
/// Scoring with a lead-conversion model trained on 20k closed leads: a batch of 10k open leads (rows/s = 10,000 / mean),
/// one lead at a time (single-record latency), each with reasons.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class LeadScoringBenchmark
{
    private ScoringModel _model = null!;
    private List<CrmRecord> _open = [];

    [GlobalSetup]
    public void Setup()
    {
        var spec = new ModelSpec
        {
            Name = "lead-conversion",
            Entity = "lead",
            Label = new LabelSpec { Field = "statecode", PositiveValues = ["1"], NegativeValues = ["2"] },
        };
        _model = ScoringModel.Load(SpecTrainer.Train(spec, LeadData.Create(20_000, closed: true, seed: 1)).Artifact);
        _open = LeadData.Create(10_000, closed: false, seed: 2);
    }

    [Benchmark]
    public int Batch10k() => _model.Score(_open, LeadData.AsOf).Count;

    [Benchmark]
    public double SingleLead() => _model.Score(_open[42], LeadData.AsOf).Score;
}
