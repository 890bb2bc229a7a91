namespace CrmExtensions.Connectors.Salesforce;

/// <summary>What a failed Salesforce call means for the caller.</summary>
public enum FailureKind
{
    /// <summary>Worth retrying later: an unavailable service, a timeout, the concurrent long-running request limit.</summary>
    Transient,

    /// <summary>A setting or permission is wrong: credentials, URL, an object or field the integration user cannot see.</summary>
    Configuration,

    /// <summary>The API budget (DailyApiRequests) is spent or reached the configured share: stop and resume later.</summary>
    Budget,

    /// <summary>The CRM refused the request for a reason that retrying will not fix.</summary>
    System,
}
