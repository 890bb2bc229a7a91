namespace CrmExtensions.Connectors.Dataverse;

/// <summary>What a failed Dataverse call means for the caller.</summary>
public enum FailureKind
{
    /// <summary>Worth retrying later: throttling, an unavailable or failing service, a timeout.</summary>
    Transient,

    /// <summary>A setting or privilege is wrong: credentials, URL, a table or column that does not exist, a missing privilege.</summary>
    Configuration,

    /// <summary>The CRM refused the request for a reason that retrying will not fix.</summary>
    System,
}
