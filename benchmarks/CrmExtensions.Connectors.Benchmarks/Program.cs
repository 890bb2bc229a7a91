using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// `--inProcess` runs with BenchmarkDotNet's default in-process time limit (5 min a benchmark, setup included), which the
// 10k-record sandbox setup exceeds on a loaded machine; `--long` runs in-process with one hour instead.
var config = args.Contains("--long")
    ? DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)))
    : null;
BenchmarkSwitcher.FromAssembly(typeof(CrmExtensions.Connectors.Benchmarks.SalesforceConnectorBenchmark).Assembly)
    .Run([.. args.Where(a => a != "--long")], config);
