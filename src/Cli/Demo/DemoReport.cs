namespace CrmExtensions.Cli.Demo;

/// <summary>What a demo run did; printed as a table or as one JSON object (<c>--json</c>).</summary>
internal sealed record DemoReport(
    IReadOnlyList<DemoPhase> Phases,
    IReadOnlyList<DemoModel> Models,
    DemoWriteBack WriteBack,
    IReadOnlyList<DemoRecord> Records,
    string Store,
    string ReportPath);

/// <summary>One phase: records handled, CRM API calls it made (counted by the sandbox) and seconds.</summary>
internal sealed record DemoPhase(string Name, long Records, long ApiCalls, double Seconds);

/// <summary>A trained model version with its hold-out metrics and champion status.</summary>
internal sealed record DemoModel(string Name, string Kind, int Version, string Status, string Reason, IReadOnlyDictionary<string, double> Metrics);

/// <summary>Write-back outcomes over the whole run.</summary>
internal sealed record DemoWriteBack(long Written, long SkippedUnchanged, long SkippedImmaterial, long Failed, long ApiCalls);

/// <summary>A record as a salesperson sees it in the CRM after the run.</summary>
internal sealed record DemoRecord(string Table, string Id, string? Name, double? Score, string? Grade, string? Reasons);
