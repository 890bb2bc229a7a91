using BenchmarkDotNet.Running;
using CrmExtensions.Host.Benchmarks;

// `dotnet run -c Release --project benchmarks/CrmExtensions.Host.Benchmarks` runs the webhook benchmark and prints the
// per-payload percentiles (each measured iteration handles exactly one payload).
var summary = BenchmarkRunner.Run<WebhookHandlingBenchmark>(args: args);
return WebhookPercentiles.Print(summary, Console.Out);
