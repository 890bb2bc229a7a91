using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CrmExtensions.Connectors.Benchmarks.SalesforceConnectorBenchmark).Assembly).Run(args);
