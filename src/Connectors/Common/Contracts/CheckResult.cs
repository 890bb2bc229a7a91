using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>What a check found: the org reached (when it was reached) and each problem, naming the setting or privilege.</summary>
public sealed record CheckResult(OrgId? Org, IReadOnlyList<string> Problems)
{
    /// <summary>True when the org was reached and nothing is wrong.</summary>
    public bool Ok => Org is not null && Problems.Count == 0;

    /// <summary>Facts worth knowing that are not problems (yet), e.g. when the client certificate expires.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
