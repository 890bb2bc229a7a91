using System.Text;
using CrmExtensions.Connectors.Salesforce.Http;
using CrmExtensions.Connectors.Salesforce.Metadata;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Connectors.Salesforce.Writing;

/// <summary>
/// Orders the records of a Bulk update by their parent, then id, so rows sharing a parent land in the same
/// platform batch and parallel batches do not fight over the parent's lock (<c>UNABLE_TO_LOCK_ROW</c>). The parent is
/// the first of <c>ParentId</c>, <c>AccountId</c>, <c>OpportunityId</c>, <c>OrderId</c> the object has as a lookup;
/// objects without one (Lead) cost no call. The parents are read with <c>SELECT Id, parent … WHERE Id IN (…)</c>,
/// <see cref="IdsPerQuery"/> ids a query (kept under the URL length limit).
/// </summary>
internal sealed class ParentOrder(SalesforceHttp http)
{
    public const int IdsPerQuery = 300;

    private static readonly string[] ParentFields = ["ParentId", "AccountId", "OpportunityId", "OrderId"];

    public static string? ParentField(ObjectInfo info) =>
        ParentFields.FirstOrDefault(name => info.Field(name) is { Type: Scoring.Records.FieldType.Lookup });

    public async Task<List<RecordUpdate>> SortAsync(ObjectInfo info, IReadOnlyCollection<RecordUpdate> updates, CancellationToken cancellationToken)
    {
        var byId = updates.OrderBy(u => u.RecordId, StringComparer.Ordinal).ToList();
        if (ParentField(info) is not { } parent)
        {
            return byId;
        }

        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in byId.Chunk(IdsPerQuery))
        {
            var soql = new StringBuilder($"SELECT Id, {parent} FROM {Soql.Identifier(info.Name, "object")} WHERE Id IN (");
            soql.AppendJoin(',', chunk.Select(u => Soql.Quote(u.RecordId))).Append(')');
            string? next = "queryAll?q=" + Uri.EscapeDataString(soql.ToString());
            while (next is not null)
            {
                using var page = await http.GetJsonAsync(next, cancellationToken).ConfigureAwait(false);
                foreach (var row in page.RootElement.GetProperty("records").EnumerateArray())
                {
                    if (row.TryGetProperty("Id", out var id) && row.TryGetProperty(parent, out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        parents[id.GetString()![..15]] = p.GetString()!;
                    }
                }

                next = page.RootElement.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == System.Text.Json.JsonValueKind.String ? url.GetString() : null;
            }
        }

        // Records without a parent (or gone) sort first; the id keeps the order stable between runs.
        return [.. byId.OrderBy(u => parents.GetValueOrDefault(u.RecordId[..15], string.Empty), StringComparer.Ordinal)];
    }
}
