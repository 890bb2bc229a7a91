using CrmExtensions.Connectors.Salesforce.Budget;

namespace CrmExtensions.Connectors.Salesforce;

/// <summary>API usage of one connector since it was created, for the per-run summary: calls, attempts and the org's budget.</summary>
public sealed class ApiUsage
{
    private long _calls;
    private long _attempts;

    /// <summary>REST requests made (each counted once however often it was retried).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Requests put on the wire, retries included (token requests excluded).</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Retries: attempts beyond the first of each call (401 re-authentications included).</summary>
    public long Retries => Attempts - Calls;

    /// <summary>The org's DailyApiRequests as last reported.</summary>
    public ApiBudget Budget { get; } = new();

    internal void Call() => Interlocked.Increment(ref _calls);

    internal void Attempt() => Interlocked.Increment(ref _attempts);
}
