namespace CrmExtensions.Scoring.Storage;

/// <summary>The outcome of a job run.</summary>
public enum JobStatus
{
    /// <summary>Started and not finished (or the worker died).</summary>
    Running,

    /// <summary>Did everything.</summary>
    Succeeded,

    /// <summary>Stopped cleanly before the end (API budget, time limit); the error says where it resumes.</summary>
    Partial,

    /// <summary>Failed; the error says why.</summary>
    Failed,
}
