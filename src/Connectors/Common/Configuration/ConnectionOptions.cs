namespace CrmExtensions.Connectors.Common.Configuration;

/// <summary>One CRM connection (one org). Bound from <c>Crmx:Connections:N</c>.</summary>
public sealed class ConnectionOptions
{
    /// <summary>A unique name chosen by the admin ("prod", "uat").</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>dataverse</c>, <c>salesforce</c> or <c>csv</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The environment or My Domain URL (dataverse, salesforce).</summary>
    public string? Url { get; set; }

    /// <summary>The folder of exported CSV files, one per entity (csv).</summary>
    public string? Path { get; set; }

    /// <summary>The organisation id once known (found by check; a mismatch is refused).</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The entities to sync; empty means the defaults for the kind.</summary>
    public IList<string> Entities { get; } = [];
}
