using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Reports.Data;

/// <summary>The last run of one job of one org, as the overview lists it.</summary>
/// <param name="Job">The job name (<c>sync:lead</c>, <c>train:lead-conversion</c>, …).</param>
/// <param name="Label">The job in the CRM's words ("Sync of leads").</param>
/// <param name="Run">The run.</param>
public sealed record RunRow(string Job, string Label, JobRun Run)
{
    /// <summary>How long it ran, or null while running.</summary>
    public TimeSpan? Duration => Run.EndedAt is { } ended ? ended - Run.StartedAt : null;
}
