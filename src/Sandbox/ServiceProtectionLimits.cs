namespace CrmExtensions.Sandbox;

/// <summary>
/// Service-protection limits per user and org over a sliding window (dataverse.md §4). Defaults are the documented
/// ones; tests lower them.
/// </summary>
public sealed record ServiceProtectionLimits
{
    /// <summary>Requests per window (documented default 6000).</summary>
    public int MaxRequests { get; init; } = 6000;

    /// <summary>Combined execution time per window in milliseconds (documented default 1,200,000).</summary>
    public long MaxExecutionMilliseconds { get; init; } = 1_200_000;

    /// <summary>Concurrent requests (documented default 52).</summary>
    public int MaxConcurrentRequests { get; init; } = 52;

    /// <summary>Value of the <c>x-ms-dop-hint</c> response header (recommended degree of parallelism, dataverse.md §4).</summary>
    public int DegreeOfParallelismHint { get; init; } = 4;

    /// <summary>Window length (documented 300 s).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(300);
}
