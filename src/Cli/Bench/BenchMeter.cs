using System.Diagnostics;

namespace CrmExtensions.Cli.Bench;

/// <summary>
/// Runs the phases of a bench one after the other and measures each: seconds, records/s, peak memory, and the API
/// calls the sandbox counted (never the connector's own count, so a connector bug cannot hide) against the minimum the
/// phase reports for what it moved.
/// </summary>
internal sealed class BenchMeter(Func<CancellationToken, Task<ApiCallCounts>> counts, IBenchSandbox sandbox, Action<string> progress)
{
    private readonly List<BenchPhase> _phases = [];
    private readonly Stopwatch _run = Stopwatch.StartNew();

    public IReadOnlyList<BenchPhase> Phases => _phases;

    public async Task PhaseAsync(string name, Func<Task<(long Records, long Minimum)>> work, CancellationToken cancellationToken)
    {
        progress($"{name}…");
        var before = await counts(cancellationToken);
        // Return what the previous phase left committed to the OS, so that a phase's peak is its own and not the
        // previous phase's high tide (the kernel's reset sets the mark to the resident size at that moment).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        PeakMemory.Reset();
        sandbox.ResetPeak();
        var clock = Stopwatch.StartNew();
        var (records, minimum) = await work();
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = PeakMemory.Megabytes();
        var sandboxPeak = sandbox.PeakMegabytes();
        var calls = await counts(cancellationToken) - before;
        _phases.Add(new BenchPhase(name, Math.Round(seconds, 2), records, Math.Round(records / Math.Max(seconds, 1e-6)), Math.Round(peak),
            calls.DataPages, calls.Writes, minimum, calls.Metadata, calls.Tokens, calls.Other, calls.BulkPolls,
            sandboxPeak is { } s ? Math.Round(s) : null));
        progress(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  {name}: {seconds:0.0} s, {records:N0} records, peak {peak:N0} MB ours{(sandboxPeak is { } p ? $", {p:N0} MB the sandbox's" : "")}"));
    }

    public BenchTotals Totals() => new(
        Math.Round(_run.Elapsed.TotalSeconds, 2),
        _phases.Sum(p => p.DataPages + p.WriteCalls + p.MetadataCalls + p.TokenCalls + p.OtherCalls + p.BulkPollCalls),
        _phases.Sum(p => p.MinimumCalls),
        _phases.Sum(p => p.MetadataCalls),
        _phases.Sum(p => p.TokenCalls),
        _phases.Max(p => p.PeakMegabytes),
        _phases.Sum(p => p.BulkPollCalls),
        _phases.Max(p => p.SandboxPeakMegabytes));

    /// <summary>At most one token per started hour of the measured run.</summary>
    public BenchCap TokenCap() => new("tokens (≤ 1 per hour)", _phases.Sum(p => p.TokenCalls), (long)Math.Ceiling(Math.Max(_run.Elapsed.TotalHours, 1e-9)));
}
