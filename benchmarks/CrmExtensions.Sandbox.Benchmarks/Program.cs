using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CrmExtensions.Sandbox.Benchmarks.FullReadBenchmark).Assembly).Run(args);
