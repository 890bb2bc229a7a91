using CrmExtensions.Connectors.Dataverse;
using CrmExtensions.Connectors.Salesforce;

namespace CrmExtensions.Host.Configuration;

/// <summary>One CRM org the host serves (<c>Crmx:Host:Connections:N</c>).</summary>
public sealed class HostConnection
{
    /// <summary>A unique name; jobs carry it as their argument.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>dataverse</c> or <c>salesforce</c>.</summary>
    public string Crm { get; set; } = "dataverse";

    /// <summary>
    /// The organisation id webhooks must carry (Dataverse OrganizationId GUID, Salesforce 15/18-character org id).
    /// A Dataverse connection also refuses to run when its check reaches another org.
    /// </summary>
    public string OrganizationId { get; set; } = string.Empty;

    /// <summary>The shared secret senders present (<c>?code=</c>, or the header <see cref="WebhookHeader"/>). Never logged.</summary>
    public string? WebhookKey { get; set; }

    /// <summary>The header an HttpHeader-auth Dataverse endpoint sends the key in.</summary>
    public string WebhookHeader { get; set; } = "x-api-key";

    /// <summary>Our own application/integration user ids: their changes are our write-backs echoing and are ignored.</summary>
    public IList<string> OwnUserIds { get; } = [];

    /// <summary>The model specs to train and score (default: every default spec whose table is synced).</summary>
    public IList<string> Models { get; } = [];

    /// <summary>
    /// Sync only the columns that can matter (on by default): secured columns and names and contact details that no
    /// spec names stay in the CRM (Dataverse <c>$select</c>; docs/SECURITY.md "Minimisation").
    /// </summary>
    public bool MinimiseColumns { get; set; } = true;

    /// <summary>Where the case category model reads and writes its category (defaults: the shipped case specs').</summary>
    public CaseSettings Cases { get; set; } = new();

    /// <summary>The Dataverse connection (tables to sync included).</summary>
    public DataverseOptions? Dataverse { get; set; }

    /// <summary>The Salesforce connection (<c>Objects</c> to sync included); without it the org's outbound messages are stored but wait.</summary>
    public SalesforceOptions? Salesforce { get; set; }

    /// <summary>The URL the connection is bound to in the store (environment or login URL).</summary>
    public string Url => (IsDataverse ? Dataverse?.EnvironmentUrl : Salesforce?.LoginUrl)?.ToString() ?? string.Empty;

    /// <summary>True for Dataverse.</summary>
    public bool IsDataverse => string.Equals(Crm, "dataverse", StringComparison.OrdinalIgnoreCase);
}
