namespace CrmExtensions.Sandbox.Salesforce.Soql;

/// <summary>A parsed query of the supported subset: SELECT fields FROM object [WHERE] [ORDER BY] [LIMIT] [OFFSET].</summary>
internal sealed record SoqlQuery(IReadOnlyList<string> Fields, string Object, SoqlNode? Where, IReadOnlyList<SoqlOrder> OrderBy, int? Limit, int? Offset);
