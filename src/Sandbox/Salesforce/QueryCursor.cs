using CrmExtensions.Sandbox.Salesforce.Soql;

namespace CrmExtensions.Sandbox.Salesforce;

/// <summary>The remaining rows of a query, served page by page through <c>nextRecordsUrl</c>.</summary>
internal sealed record QueryCursor(SoqlQuery Query, List<Dictionary<string, object?>> Records, int BatchSize, DateTimeOffset CreatedAt);
