namespace CrmExtensions.Cli.Demo;

/// <summary>What a demo run did; printed as a table or as one JSON object (<c>--json</c>).</summary>
internal sealed record DemoReport(
    IReadOnlyList<DemoPhase> Phases,
    IReadOnlyList<DemoModel> Models,
    DemoWriteBack WriteBack,
    IReadOnlyList<DemoRecord> Records,
    IReadOnlyList<DemoSegment> Segments,
    DemoAccount? Account,
    string Store,
    string ReportPath);

/// <summary>A customer segment: id, name and size.</summary>
internal sealed record DemoSegment(int Id, string Name, int Size);

/// <summary>An account as an account manager sees it: segment and recommended products.</summary>
internal sealed record DemoAccount(string Id, string? Name, string? Segment, string? Recommendations);

/// <summary>One phase: records handled, CRM API calls it made (counted by the sandbox) and seconds.</summary>
internal sealed record DemoPhase(string Name, long Records, long ApiCalls, double Seconds);

/// <summary>A trained model version with its hold-out metrics and champion status.</summary>
internal sealed record DemoModel(string Name, string Kind, int Version, string Status, string Reason, IReadOnlyDictionary<string, double> Metrics, string Drift);

/// <summary>Write-back outcomes over the whole run.</summary>
internal sealed record DemoWriteBack(long Written, long SkippedUnchanged, long SkippedImmaterial, long Failed, long ApiCalls);

/// <summary>A record as a salesperson sees it in the CRM after the run.</summary>
internal sealed record DemoRecord(string Table, string Id, string? Name, double? Score, string? Grade, string? Reasons);
