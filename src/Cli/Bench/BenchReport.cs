namespace CrmExtensions.Cli.Bench;

/// <summary>What a bench run measured; printed as a table or as one JSON object (<c>--json</c>).</summary>
internal sealed record BenchReport(
    string Crm, int Scale, string Store, bool PeakPerPhase, IReadOnlyList<BenchPhase> Phases, BenchTotals Totals);

/// <summary>
/// One phase. <paramref name="MinimumCalls"/> is the protocol minimum for what the phase moved: data pages for the
/// records read at the configured page size (at least one per table), plus write batches for the records written at
/// the configured batch size. Metadata and token calls are reported apart and not part of the minimum.
/// </summary>
internal sealed record BenchPhase(
    string Name, double Seconds, long Records, double RecordsPerSecond, double PeakMegabytes,
    long DataPages, long WriteCalls, long MinimumCalls, long MetadataCalls, long TokenCalls, long OtherCalls);

/// <summary>Run totals.</summary>
internal sealed record BenchTotals(double Seconds, long ApiCalls, long MinimumCalls, long MetadataCalls, long TokenCalls, double PeakMegabytes);
