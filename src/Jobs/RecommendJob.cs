using System.Globalization;
using System.Text;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Purchases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Recommendations;
using CrmExtensions.Scoring.Registry;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>
/// Next-best products for the customers of an org (<c>recommend:next-best-product</c>): trains on purchase history,
/// measures against popularity and item-to-item on the newest lines, registers the version and stores each customer's
/// list ("1. Name — because you bought X") with its date as outputs for write-back.
/// </summary>
public sealed class RecommendJob(IRecordStore records, IModelRegistry registry, IOutputStore outputs, OutputCatalogue catalogue, IJobRunStore runs, TimeProvider time)
{
    private const string BecauseYouBought = "because you bought ";
    private static readonly string Model = DefaultModels.NextBestProduct;

    /// <summary>Trains, stores outputs and records the run; an org without purchases is skipped with the reason.</summary>
    public Task<RecommendJobResult> RunAsync(OrgId org, CrmKind crm, PurchaseSpec spec, RecommendationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JobRecorder.RecordAsync(runs, time, org, $"recommend:{Model}", async ct =>
        {
            var history = await PurchaseRecords.ReadAsync(records, org, spec, ct);
            if (history.Lines.Count == 0)
            {
                var skipped = new RecommendJobResult(null, 0, 0, $"no synced order lines of {spec.CustomerEntity} customers name a product");
                return (skipped, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(), skipped.Skipped);
            }

            var settings = (options ?? new RecommendationOptions()) with { InactiveItems = history.InactiveProducts };
            var batch = NextBestProduct.Train(history.Lines, settings, ct);
            var customers = batch.Recommendations.Select(r => r.Customer).Distinct(StringComparer.Ordinal).Count();
            var metrics = batch.Metrics ?? new ModelMetrics
            {
                Kind = ModelKind.Recommendation, Split = "none: the history is too short to hold out its newest lines",
                TrainRows = history.Lines.Count, HoldoutRows = 0, Values = new Dictionary<string, double>(),
            };
            var registered = await ChampionSelector.RegisterBatchAsync(
                registry, org, Model, metrics, history.Lines.Count, Reason(metrics), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(batch.Settings), time, ct);

            var now = time.GetUtcNow();
            var field = catalogue.Find(crm, spec.CustomerEntity, Model, OutputSlot.Recommendations);
            var maxLength = field?.MaxLength ?? 2000;
            var saved = new BatchOutputs(outputs, catalogue, org, crm, spec.CustomerEntity, Model, registered.Version, now);
            foreach (var list in batch.Recommendations.GroupBy(r => r.Customer, StringComparer.Ordinal))
            {
                await saved.AddAsync(list.Key, OutputSlot.Recommendations, new LongTextValue(Render(list, history.ProductNames, maxLength)), ct);
                await saved.AddAsync(list.Key, OutputSlot.ScoredOn, new DateTimeValue(now), ct);
            }

            await saved.FlushAsync(ct);
            var outcome = new RecommendJobResult(registered, customers, saved.Changed, null);
            var counts = new Dictionary<string, long>
            {
                ["version"] = registered.Version,
                ["customers"] = customers,
                ["orderLines"] = history.Lines.Count,
                ["outputsChanged"] = saved.Changed,
            };
            return (outcome, JobStatus.Succeeded, (IReadOnlyDictionary<string, long>)counts, (string?)null);
        }, cancellationToken);
    }

    /// <summary>"1. Name — because you bought Other", one line per product, whole lines only, within <paramref name="maxLength"/>.</summary>
    internal static string Render(IEnumerable<Recommendation> list, IReadOnlyDictionary<string, string> names, int maxLength)
    {
        var text = new StringBuilder();
        foreach (var r in list.OrderBy(r => r.Rank))
        {
            var reason = r.Reason.StartsWith(BecauseYouBought, StringComparison.Ordinal)
                ? BecauseYouBought + Name(r.Reason[BecauseYouBought.Length..])
                : r.Reason;
            var line = string.Create(CultureInfo.InvariantCulture, $"{r.Rank}. {Name(r.Item)} — {reason}");
            if (text.Length + line.Length + 1 > maxLength)
            {
                break;
            }

            text.Append(text.Length == 0 ? "" : "\n").Append(line);
        }

        return text.ToString();

        string Name(string id) => names.TryGetValue(id, out var name) ? name : id;
    }

    private static string Reason(ModelMetrics metrics)
    {
        var v = metrics.Values;
        if (!v.TryGetValue("hitRate10", out var ours))
        {
            return "trained on all history; not measured: " + metrics.Split;
        }

        var popularity = v.GetValueOrDefault("hitRate10_popularity");
        var itemToItem = v.GetValueOrDefault("hitRate10_itemToItem");
        return string.Create(CultureInfo.InvariantCulture,
            $"hit-rate@10 {ours:0.000} on the newest order lines vs popularity {popularity:0.000} (×{(popularity > 0 ? ours / popularity : double.NaN):0.00}) and item-to-item {itemToItem:0.000}");
    }
}

/// <summary>What a recommendation run did.</summary>
/// <param name="Registered">The registered version, or null when skipped.</param>
/// <param name="Customers">Customers with a list.</param>
/// <param name="OutputsChanged">Output values that changed.</param>
/// <param name="Skipped">Why nothing was trained, or null.</param>
public sealed record RecommendJobResult(RegisteredModel? Registered, long Customers, long OutputsChanged, string? Skipped);
