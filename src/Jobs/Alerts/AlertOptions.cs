namespace CrmExtensions.Jobs.Alerts;

/// <summary>Where alerts go and when they repeat (<c>Crmx:Alerts</c>; docs/SECURITY.md "Alerts").</summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crmx:Alerts";

    /// <summary>
    /// An incoming-webhook URL (Teams, Slack or anything taking <c>{"text": …}</c>); alerts go to the log only when unset.
    /// The URL holds the channel's secret: set it in the environment (<c>Crmx__Alerts__WebhookUrl</c>), it is never logged.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>An incident (same kind, org and subject) alerts again only after this long while it lasts.</summary>
    public TimeSpan RepeatAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>A scoring run alerts when a feature's PSI reaches this (0.25: the usual "significant shift" line).</summary>
    public double DriftPsi { get; set; } = 0.25;

    /// <summary>Warn this many days before a client secret or certificate expires.</summary>
    public int CredentialWarningDays { get; set; } = 30;

    /// <summary>Timeout of one post to the webhook.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The settings' problems, each naming its setting (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (WebhookUrl is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                failures.Add($"{Section}:WebhookUrl must be an absolute https URL (plain http only to a loopback address).");
            }
        }

        if (RepeatAfter <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:RepeatAfter must be positive.");
        }

        if (DriftPsi is <= 0 or > 10 || double.IsNaN(DriftPsi))
        {
            failures.Add($"{Section}:DriftPsi must be above 0 (0.25 is usual).");
        }

        if (CredentialWarningDays is < 0 or > 365)
        {
            failures.Add($"{Section}:CredentialWarningDays must be between 0 and 365.");
        }

        if (WebhookTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:WebhookTimeout must be positive.");
        }

        return failures;
    }
}
