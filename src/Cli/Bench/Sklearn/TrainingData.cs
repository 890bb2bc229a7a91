using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Purchases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Bench.Sklearn;

/// <summary>
/// The training inputs of the default Dataverse models, read once from the store the way the jobs read them: binary
/// rows with their related-activity aggregates, labelled cases, and purchase history.
/// </summary>
internal sealed record TrainingData(
    IReadOnlyDictionary<string, IReadOnlyList<CrmRecord>> BinaryRows, (CaseSpec Spec, CaseLabelSet Labels)? Cases, PurchaseHistory? Purchases)
{
    public static async Task<TrainingData> LoadAsync(CrmStore store, OrgId org, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var binary = new Dictionary<string, IReadOnlyList<CrmRecord>>(StringComparer.Ordinal);
        foreach (var spec in DefaultSpecs.For(CrmKind.Dataverse).Where(s => s.PointInTime is null && s.Kind == Scoring.Models.ModelKind.Binary))
        {
            var index = RelatedAggregates.StartIndex(spec);
            foreach (var entity in spec.Related.Select(r => r.Entity).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                foreach (var record in await ReadAsync(store.Records, org, entity, cancellationToken))
                {
                    index.Add(record);
                }
            }

            binary[spec.Name] = RelatedAggregates.Add(spec, await ReadAsync(store.Records, org, spec.Entity, cancellationToken), index, now);
        }

        var caseSpec = CaseSpecs.For(CrmKind.Dataverse).First(s => s.Name == DefaultModels.CaseCategory);
        var labels = await CaseCategoriser.ReadLabelsAsync(store.Records, store.Outputs, org, caseSpec, cancellationToken);
        var purchaseSpec = PurchaseSpec.For(CrmKind.Dataverse);
        var history = PurchaseHistory.Build(purchaseSpec,
            await ReadAsync(store.Records, org, purchaseSpec.OrderEntity, cancellationToken),
            await ReadAsync(store.Records, org, purchaseSpec.LineEntity, cancellationToken),
            await ReadAsync(store.Records, org, purchaseSpec.ProductEntity, cancellationToken));
        return new TrainingData(
            binary,
            labels.Cases.Any(c => c.Label.IsTrainingLabel) ? (caseSpec, labels) : null,
            history.Lines.Count > 0 ? history : null);
    }

    private static async Task<List<CrmRecord>> ReadAsync(IRecordStore records, OrgId org, string entity, CancellationToken cancellationToken)
    {
        var list = new List<CrmRecord>();
        await foreach (var stored in records.ReadAsync(new RecordQuery(org, entity), cancellationToken))
        {
            if (!stored.Record.Deleted)
            {
                list.Add(stored.Record);
            }
        }

        return list;
    }
}
