using BenchmarkDotNet.Attributes;
using CrmExtensions.Scoring.Features;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Benchmarks;

/// <summary>
/// Feature building alone (no model): 10,000 lead records to typed columns, then to the model's input vectors with a
/// feature map fitted on 20,000 closed leads — the part of batch scoring before the trees.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class FeatureBuildingBenchmark
{
    private FeatureMap _map = null!;
    private List<CrmRecord> _open = [];
    private Dictionary<string, FieldType> _fields = [];
    private TabularData _table = null!;

    [GlobalSetup]
    public void Setup()
    {
        var closed = LeadData.Create(20_000, closed: true, seed: 1);
        _fields = RecordTable.Fields(closed);
        _fields.Remove("statecode");
        _map = FeatureMap.Fit(RecordTable.Build(closed, _fields), new FeatureOptions());
        _open = LeadData.Create(10_000, closed: false, seed: 2);
        _table = RecordTable.Build(_open, _fields);
    }

    [Benchmark]
    public int RecordsToColumns10k() => RecordTable.Build(_open, _fields).RowCount;

    [Benchmark]
    public int ColumnsToVectors10k() => _map.Matrix(_table).Length;
}
