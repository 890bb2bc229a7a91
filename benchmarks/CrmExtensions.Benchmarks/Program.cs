using BenchmarkDotNet.Running;
using CrmExtensions.Benchmarks;

if (args is ["cases-holdout", ..])
{
    return await CaseHoldout.RunAsync(args);
}

if (args is ["cases-train-latency", ..])
{
    return await CaseTrainingAndLatency.RunAsync(args);
}

if (args is ["peak", ..])
{
    return PeakMemory.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
