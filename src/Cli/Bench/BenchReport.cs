namespace CrmExtensions.Cli.Bench;

/// <summary>What a bench run measured; printed as a table or as one JSON object (<c>--json</c>; an array of them for <c>--crm both</c>).</summary>
internal sealed record BenchReport(
    string Crm, int Scale, string Store, bool PeakPerPhase, IReadOnlyList<BenchPhase> Phases, BenchTotals Totals)
{
    /// <summary>Calls that are not part of the minimum but capped (tokens per hour, describes per object per run), each checked.</summary>
    public IReadOnlyList<BenchCap> Caps { get; init; } = [];

    /// <summary>What went wrong without stopping the run (records the CRM refused, with the first reason); empty when nothing did.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>
    /// Where the sandbox ran: "child process" (the default; <see cref="BenchPhase.PeakMegabytes"/> is then ours alone and
    /// <see cref="BenchPhase.SandboxPeakMegabytes"/> the sandbox's) or "in process" (our peak includes the sandbox's data).
    /// </summary>
    public string Sandbox { get; init; } = "in process";
}

/// <summary>
/// One phase. <paramref name="PeakMegabytes"/> is this process's peak resident memory in the phase;
/// <paramref name="SandboxPeakMegabytes"/> the sandbox child process's (null when the sandbox ran in process). <paramref name="MinimumCalls"/> is the protocol minimum for what the phase moved: data pages for the
/// records read at the configured page size (at least one per table), plus write batches for the records written at
/// the configured batch size. Metadata, token and Bulk poll calls are reported apart and not part of the minimum;
/// <paramref name="DataPages"/> + <paramref name="WriteCalls"/> is what is compared with it.
/// </summary>
internal sealed record BenchPhase(
    string Name, double Seconds, long Records, double RecordsPerSecond, double PeakMegabytes,
    long DataPages, long WriteCalls, long MinimumCalls, long MetadataCalls, long TokenCalls, long OtherCalls, long BulkPollCalls = 0,
    double? SandboxPeakMegabytes = null);

/// <summary>Run totals.</summary>
internal sealed record BenchTotals(double Seconds, long ApiCalls, long MinimumCalls, long MetadataCalls, long TokenCalls, double PeakMegabytes, long BulkPollCalls = 0, double? SandboxPeakMegabytes = null);

/// <summary>A capped kind of call: how many the run made, the most allowed, and whether it stayed within.</summary>
internal sealed record BenchCap(string Name, long Calls, long Cap)
{
    public bool Within => Calls <= Cap;
}
