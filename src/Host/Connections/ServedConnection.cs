using CrmExtensions.Host.Configuration;
using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Host.Connections;

/// <summary>One configured connection at run time: its org, specs and (for Dataverse) its connector.</summary>
public sealed class ServedConnection(
    HostConnection settings, OrgId org, CrmKind crm, IReadOnlyList<ModelSpec> specs, IReadOnlyList<string> tables, ServedConnector? connector, IReadOnlyList<CaseSpec>? caseSpecs = null)
{
    public HostConnection Settings { get; } = settings;

    public string Name => Settings.Name;

    public OrgId Org { get; } = org;

    public CrmKind Crm { get; } = crm;

    public IReadOnlyList<ModelSpec> Specs { get; } = specs;

    /// <summary>The case models (text classifiers on the case table) to train and score.</summary>
    public IReadOnlyList<CaseSpec> CaseSpecs { get; } = caseSpecs ?? [];

    /// <summary>Tables (Dataverse) or objects (Salesforce) synced, in order (parents before activities does not matter: scoring reads the store).</summary>
    public IReadOnlyList<string> Tables { get; } = tables;

    /// <summary>The connector (Dataverse or Salesforce); null only when a test builds a connection without one: its events then wait in the inbox.</summary>
    public ServedConnector? Connector { get; } = connector;

    /// <summary>Tables that receive outputs (the entities of the specs).</summary>
    public IEnumerable<string> OutputTables => Specs.Select(s => s.Entity).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tables that receive the case models' outputs.</summary>
    public IEnumerable<string> CaseTables => CaseSpecs.Select(s => s.Entity).Distinct(StringComparer.OrdinalIgnoreCase);
}
