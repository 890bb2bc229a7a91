using CrmExtensions.Sandbox.Dataverse.Metadata;

namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>One single-valued navigation property in <c>$expand</c>, e.g. <c>parentaccountid($select=name)</c>.</summary>
internal sealed record ExpandOption(string Name, ColumnDef Lookup, TableDef Target, IReadOnlyList<ColumnDef>? Select, IReadOnlyList<string>? SelectNames);
