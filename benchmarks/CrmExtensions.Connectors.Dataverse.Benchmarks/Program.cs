using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CrmExtensions.Connectors.Dataverse.Benchmarks.DataverseSyncBenchmark).Assembly).Run(args);
