namespace CrmExtensions.Host.Configuration;

/// <summary>The host's settings, bound from <c>Crmx:Host</c> and validated at start.</summary>
public sealed class ServeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crmx:Host";

    /// <summary>Where Kestrel listens; <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> overrides it under Azure Functions.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Who schedules the jobs: <c>hangfire</c> (default) or <c>functions</c> (timers call the host; no Hangfire server).</summary>
    public string Scheduler { get; set; } = "hangfire";

    /// <summary>Time zone of every cron expression (IANA or Windows id).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Hangfire storage and server.</summary>
    public HangfireSettings Hangfire { get; set; } = new();

    /// <summary>The Hangfire dashboard.</summary>
    public DashboardSettings Dashboard { get; set; } = new();

    /// <summary>The model report pages.</summary>
    public ReportSettings Reports { get; set; } = new();

    /// <summary>Recurring jobs.</summary>
    public ScheduleSettings Schedules { get; set; } = new();

    /// <summary>Webhook intake and the event worker.</summary>
    public EventSettings Events { get; set; } = new();

    /// <summary>The CRM connections this host serves.</summary>
    public IList<HostConnection> Connections { get; } = [];

    /// <summary>True when Azure Functions timers schedule the jobs.</summary>
    public bool UnderFunctions => string.Equals(Scheduler, "functions", StringComparison.OrdinalIgnoreCase);
}
