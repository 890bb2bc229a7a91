using CrmExtensions.Scoring.Purchases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>Reads the purchase history of an org from the store.</summary>
internal static class PurchaseRecords
{
    public static async Task<PurchaseHistory> ReadAsync(IRecordStore records, OrgId org, PurchaseSpec spec, CancellationToken cancellationToken)
    {
        var orders = await ReadAllAsync(records, org, spec.OrderEntity, cancellationToken);
        var lines = await ReadAllAsync(records, org, spec.LineEntity, cancellationToken);
        var products = await ReadAllAsync(records, org, spec.ProductEntity, cancellationToken);
        return PurchaseHistory.Build(spec, orders, lines, products);
    }

    private static async Task<List<CrmRecord>> ReadAllAsync(IRecordStore records, OrgId org, string entity, CancellationToken cancellationToken)
    {
        var list = new List<CrmRecord>();
        await foreach (var stored in records.ReadAsync(new RecordQuery(org, entity), cancellationToken))
        {
            list.Add(stored.Record);
        }

        return list;
    }
}
