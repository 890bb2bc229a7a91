namespace CrmExtensions.Reports;

/// <summary>How the report pages are served.</summary>
public sealed class ReportOptions
{
    /// <summary>
    /// Serve the pages to clients that are not on this machine. Off by default: the pages show model figures and error
    /// reasons, so a host that wants them elsewhere must put its own authentication in front and say so here.
    /// </summary>
    public bool AllowRemote { get; set; }

    /// <summary>Job runs read for the overview (newest first); older runs are not shown.</summary>
    public int RunsToRead { get; set; } = 2_000;
}
