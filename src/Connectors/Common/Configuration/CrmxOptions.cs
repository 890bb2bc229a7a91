namespace CrmExtensions.Connectors.Common.Configuration;

/// <summary>The list of CRM connections, bound from the <c>Crmx</c> section.</summary>
public sealed class CrmxOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crmx";

    /// <summary>The configured connections; each is one org.</summary>
    public IList<ConnectionOptions> Connections { get; } = [];
}
