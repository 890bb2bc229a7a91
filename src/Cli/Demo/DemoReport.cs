namespace CrmExtensions.Cli.Demo;

/// <summary>
/// What a demo run did; printed as a table or as one JSON object (<c>--json</c>). <see cref="Phases"/>,
/// <see cref="Models"/> and <see cref="Records"/> list every CRM's (each item names its <c>crm</c>);
/// <see cref="WriteBack"/> and <see cref="Webhooks"/> are totals; <see cref="Orgs"/> has each CRM's own summary.
/// </summary>
internal sealed record DemoReport(
    IReadOnlyList<DemoPhase> Phases,
    IReadOnlyList<DemoModel> Models,
    DemoWriteBack WriteBack,
    DemoWebhooks Webhooks,
    IReadOnlyList<DemoRecord> Records,
    IReadOnlyList<DemoOrg> Orgs,
    string Store,
    string ReportPath,
    double Seconds);

/// <summary>One CRM's summary: its org, write-back and webhook counts, segments, an account and a case as people see them.</summary>
internal sealed record DemoOrg(
    string Crm,
    string Org,
    DemoWriteBack WriteBack,
    DemoWebhooks Webhooks,
    IReadOnlyList<DemoSegment> Segments,
    DemoAccount? Account,
    DemoCases Cases);

/// <summary>A customer segment: id, name and size.</summary>
internal sealed record DemoSegment(int Id, string Name, int Size);

/// <summary>An account as an account manager sees it in the CRM: segment and recommended products.</summary>
internal sealed record DemoAccount(string Id, string? Name, string? Segment, string? Recommendations);

/// <summary>
/// One phase of one CRM: records handled, CRM API calls it made and how many of them wrote (counted by the sandbox;
/// the host's calls during the phase included), and seconds.
/// </summary>
internal sealed record DemoPhase(string Crm, string Name, long Records, long ApiCalls, long WriteCalls, double Seconds);

/// <summary>A trained model version with its hold-out metrics and champion status.</summary>
internal sealed record DemoModel(string Crm, string Name, string Kind, int Version, string Status, string Reason, IReadOnlyDictionary<string, double> Metrics, string Drift);

/// <summary>Write-back outcomes of the demo's write-back runs (the event worker's are in <see cref="DemoWebhooks"/>).</summary>
internal sealed record DemoWriteBack(long Written, long SkippedUnchanged, long SkippedImmaterial, long Failed, long ApiCalls)
{
    public static DemoWriteBack Sum(IEnumerable<DemoWriteBack> all) => all.Aggregate(new DemoWriteBack(0, 0, 0, 0, 0), (a, b) => new DemoWriteBack(
        a.Written + b.Written, a.SkippedUnchanged + b.SkippedUnchanged, a.SkippedImmaterial + b.SkippedImmaterial, a.Failed + b.Failed, a.ApiCalls + b.ApiCalls));
}

/// <summary>
/// Webhooks (Dataverse) and outbound-message notifications (Salesforce) the host received over the run: stored in the
/// durable inbox, redeliveries dropped as duplicates, our own write-backs ignored as echoes; records the event worker
/// scored and wrote back; events whose processing failed (retried after the lease).
/// </summary>
internal sealed record DemoWebhooks(long Received, long Stored, long Duplicates, long IgnoredAsEcho, long Scored, long Written, long Failed)
{
    public static DemoWebhooks Sum(IEnumerable<DemoWebhooks> all) => all.Aggregate(new DemoWebhooks(0, 0, 0, 0, 0, 0, 0), (a, b) => new DemoWebhooks(
        a.Received + b.Received, a.Stored + b.Stored, a.Duplicates + b.Duplicates, a.IgnoredAsEcho + b.IgnoredAsEcho, a.Scored + b.Scored, a.Written + b.Written, a.Failed + b.Failed));
}

/// <summary>A lead as a salesperson sees it in the CRM after the run (values read back through the CRM's API).</summary>
internal sealed record DemoRecord(string Crm, string Table, string Id, string? Name, double? Score, string? Grade, string? Reasons);

/// <summary>Case categorisation: the model's run and one case as an agent sees it in the CRM.</summary>
/// <param name="Uncategorised">Open cases whose category the simulated agents cleared through the API.</param>
/// <param name="Categorised">Open cases without a person's category that the champion categorised, over the run's scoring passes.</param>
/// <param name="Tiers">Those cases per tier (Auto, Suggest, Review).</param>
/// <param name="Skipped">Why no case model was trained or used, or null.</param>
/// <param name="Example">A categorised case read back from the CRM, or null.</param>
internal sealed record DemoCases(long Uncategorised, long Categorised, IReadOnlyDictionary<string, long> Tiers, string? Skipped, DemoCase? Example);

/// <summary>A case as an agent sees it: its title, our category, confidence, tier and alternatives.</summary>
internal sealed record DemoCase(string Id, string? Title, string? Category, double? Confidence, string? Tier, string? Alternatives);
