namespace CrmExtensions.Scoring.Storage;

/// <summary>
/// Open alert incidents (kind, org, subject), shared by every process of an installation — the host, its other
/// instances and one-off <c>crmx</c> commands run from a scheduler — so a job failing every minute alerts once per
/// window however it is run. Holds names and times only, never alert text.
/// </summary>
public interface IAlertIncidentStore
{
    /// <summary>
    /// Records that the incident is happening at <paramref name="now"/>. Returns the number of repeats held back since
    /// it was last sent when it must be sent now (new, or last sent at least <paramref name="window"/> ago), and null
    /// when it must be held back (the repeat is counted). Exactly one of concurrent callers gets a number.
    /// </summary>
    Task<int?> ClaimAsync(string kind, string org, string subject, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Ends the incident; true when it was open (so its resolution is worth telling).</summary>
    Task<bool> CloseAsync(string kind, string org, string subject, CancellationToken cancellationToken = default);
}
