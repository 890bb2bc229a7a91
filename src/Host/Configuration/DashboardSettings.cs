namespace CrmExtensions.Host.Configuration;

/// <summary>
/// The dashboard at <c>/hangfire</c> (<c>Crmx:Host:Dashboard</c>): local requests only, unless a user name and password
/// are configured, then any caller presenting them with HTTP Basic authentication (serve it over HTTPS).
/// </summary>
public sealed class DashboardSettings
{
    /// <summary>Serve the dashboard at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>User name for remote access.</summary>
    public string? Username { get; set; }

    /// <summary>Password for remote access; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>True when remote access with credentials is configured.</summary>
    public bool RemoteAccessConfigured => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
