namespace CrmExtensions.Jobs.Alerts;

/// <summary>The kinds of alert the product raises (docs/SECURITY.md "Alerts").</summary>
public static class AlertKinds
{
    /// <summary>A job run failed (the subject is the job, e.g. <c>sync:lead</c>); resolved by its next successful run.</summary>
    public const string JobFailed = "job-failed";

    /// <summary>A run stopped before the end, e.g. because the CRM's API budget reached its configured share.</summary>
    public const string PartialRun = "partial-run";

    /// <summary>A delta token expired (or no delta was possible) and a table was read again in full.</summary>
    public const string FullResync = "full-resync";

    /// <summary>A scoring run measured drift above the threshold on at least one feature (the subject is the model).</summary>
    public const string Drift = "drift";

    /// <summary>A retrained model was kept as challenger: it was worse than the champion on the same held-out data.</summary>
    public const string ChallengerRejected = "challenger-rejected";

    /// <summary>A webhook or outbound message came from an org no connection is configured for.</summary>
    public const string UnknownOrg = "unknown-org";

    /// <summary>A client secret or certificate expires within the warning period, or has expired.</summary>
    public const string CredentialExpiry = "credential-expiry";
}
