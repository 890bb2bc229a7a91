using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CrmExtensions.Host.Benchmarks;

// `dotnet run -c Release --project benchmarks/CrmExtensions.Host.Benchmarks` runs the webhook benchmark in-process and
// prints per-payload percentiles: every measured iteration handles exactly one payload (invocation count 1), so the
// iterations are the latency distribution. A Debug build runs too (the figures are then pessimistic, and say so).
var job = Job.Default
    // The setup (sandbox, sync, training) outlasts the in-process toolchain's default timeout on a busy machine.
    .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
    .WithStrategy(RunStrategy.Throughput)
    .WithWarmupCount(20)
    .WithIterationCount(args.Contains("--short") ? 60 : 300)
    .WithInvocationCount(1)
    .WithUnrollFactor(1);
var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = BenchmarkRunner.Run<WebhookHandlingBenchmark>(config);
#if DEBUG
Console.WriteLine("Measured on a Debug build: expect a Release build to be faster.");
#endif
return WebhookPercentiles.Print(summary, Console.Out);
