using System.Text.Json;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Purchases;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Demo;

/// <summary>
/// One CRM in the demo: its in-process sandbox, its connector and what differs between Dataverse and Salesforce —
/// table names, how our customisations get into the org, how the host is configured to serve it, how an agent's edit
/// and a read-back are sent. The loop itself (<see cref="DemoLoop"/>) is the same for both. The runner disposes the connector.
/// </summary>
internal abstract class DemoCrm(RunningSandbox sandbox, CrmConnector connector)
{
    /// <summary>The models whose outputs the demo writes, besides the case category.</summary>
    public static readonly string[] ModelNames = [DefaultModels.LeadConversion, DefaultModels.OpportunityWin, DefaultModels.CustomerSegment, DefaultModels.NextBestProduct];

    public RunningSandbox Sandbox => sandbox;

    public SandboxOrg Org => sandbox.Orgs[0];

    public CrmConnector Connector => connector;

    /// <summary><c>dataverse</c> or <c>salesforce</c>: the host connection's and the store binding's name.</summary>
    public string Name => connector.Name;

    public CrmKind Kind => connector.Kind;

    /// <summary>The organisation id webhooks carry (Dataverse OrganizationId, Salesforce org id).</summary>
    public abstract string OrganizationId { get; }

    /// <summary>Our own application / integration user: its changes are our write-backs echoing.</summary>
    public abstract string OwnUserId { get; }

    /// <summary>Tables (objects) synced, parents first.</summary>
    public abstract IReadOnlyList<string> SyncTables { get; }

    /// <summary>The lead, opportunity and account tables (outputs of <see cref="ModelNames"/>).</summary>
    public abstract IReadOnlyList<string> OutputTables { get; }

    /// <summary>The case table.</summary>
    public string CaseTable => CaseSpec.Entity;

    public string LeadTable => OutputTables[0];

    public string AccountTable => OutputTables[2];

    /// <summary>The field that names a lead, an account and a case as a person sees them.</summary>
    public abstract string LeadName { get; }

    public abstract string AccountName { get; }

    public abstract string CaseTitle { get; }

    /// <summary>The field an agent sets a case's category in (a value there is a person's label).</summary>
    public string CaseAgentField => CaseSpec.Labels.AgentField ?? CaseSpec.Labels.CategoryField;

    public IReadOnlyList<ModelSpec> Specs => [.. DefaultSpecs.For(Kind).Where(s => ModelNames.Contains(s.Name))];

    public PurchaseSpec Purchases => PurchaseSpec.For(Kind);

    public CaseSpec CaseSpec => CaseSpecs.For(Kind).Single(s => s.Name == DefaultModels.CaseCategory);

    /// <summary>Puts our output fields and the change notifications into the org; returns how many components it checked or made.</summary>
    public abstract Task<long> InstallAsync(Uri webhookUrl, string key, CancellationToken cancellationToken);

    /// <summary>The host connection's settings under <paramref name="prefix"/> (<c>Crmx:Host:Connections:N</c>).</summary>
    public abstract IEnumerable<KeyValuePair<string, string?>> HostSettings(string prefix, string key);

    /// <summary>Clears the agent's category of the cases through the API, as an agent saving a case without one.</summary>
    public abstract Task UncategoriseAsync(IReadOnlyList<string> caseIds, CancellationToken cancellationToken);

    /// <summary>Reads the record's <paramref name="fields"/> from the CRM through its API (what a user's screen shows).</summary>
    public abstract Task<IReadOnlyDictionary<string, JsonElement>> ReadAsync(string table, string id, IReadOnlyList<string> fields, CancellationToken cancellationToken);

    /// <summary>True when the sandbox's call label (<c>/_sandbox/stats</c>) is a write of this CRM's API.</summary>
    public abstract bool IsWrite(string callLabel);
}
