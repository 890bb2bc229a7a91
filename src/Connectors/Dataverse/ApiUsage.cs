namespace CrmExtensions.Connectors.Dataverse;

/// <summary>
/// API usage of one connector since it was created, for the per-run summary (issue #7 "API usage reported per run"):
/// logical calls, attempts on the wire (calls plus retries), and throttled (429) answers.
/// </summary>
public sealed class ApiUsage
{
    private long _calls;
    private long _attempts;
    private long _throttled;

    /// <summary>Web API requests made (each counted once however often it was retried).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Requests put on the wire, retries included (token requests excluded).</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Retries: attempts beyond the first of each call (401 refreshes included).</summary>
    public long Retries => Attempts - Calls;

    /// <summary>Answers with 429 (service protection, dataverse.md §4).</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    internal void Call() => Interlocked.Increment(ref _calls);

    internal void Attempt(int status)
    {
        Interlocked.Increment(ref _attempts);
        if (status == 429)
        {
            Interlocked.Increment(ref _throttled);
        }
    }
}
