using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Plugins.Processing;

/// <summary>Where the events of one org go: its connection name, CRM, source and writer, and the model specs it scores.</summary>
public sealed record EventTarget(string Connection, OrgId Org, CrmKind Crm, ICrmSource Source, ICrmWriter Writer, IReadOnlyList<ModelSpec> Specs);
