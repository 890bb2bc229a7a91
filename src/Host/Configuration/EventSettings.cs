namespace CrmExtensions.Host.Configuration;

/// <summary>Webhook intake and the event worker (<c>Crmx:Host:Events</c>).</summary>
public sealed class EventSettings
{
    /// <summary>Run the event worker in this process.</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the worker looks for pending events when not signalled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Coalescing window: a worker pass starts at least this long after it was woken and after the previous pass
    /// started, so every event of a record arriving within the window is claimed by the same pass and rescored once.
    /// Zero processes each event as soon as it is stored.
    /// </summary>
    public TimeSpan CoalescingWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events a worker pass claims at most (several events of one record coalesce).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long claimed events stay invisible to other workers (a crashed pass is redone after this).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest accepted body; Dataverse trims bodies above 256 KB, Salesforce sends at most 100 notifications.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per second accepted from one org before 429 (protects the host during bulk imports).</summary>
    public int PerOrgRequestsPerSecond { get; set; } = 200;
}
