using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Segmentation;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Reports.BrowserTests;

/// <summary>
/// The demo trains no segmentation, so the tests segment the accounts of the synced store through the product's
/// segmentation code: each won opportunity is a purchase (account, close date, actual or else estimated value), and the
/// result is registered as a segmentation model, as a segmentation job would.
/// </summary>
internal static class SegmentSeeder
{
    public const string ModelName = "account-segments";

    public static async Task<RegisteredModel> SeedAsync(IRecordStore records, IModelRegistry models, OrgId org, CancellationToken cancellationToken)
    {
        var lines = new List<OrderLine>();
        await foreach (var stored in records.ReadAsync(new RecordQuery(org, "opportunity"), cancellationToken))
        {
            var record = stored.Record;
            if (record["statecode"] is not OptionValue { Value: "1" } || (record["customerid"] ?? record["parentaccountid"]) is not LookupValue customer)
            {
                continue;
            }

            var amount = (record["actualvalue"] as MoneyValue ?? record["estimatedvalue"] as MoneyValue)?.Amount ?? 0;
            var date = record["actualclosedate"] is DateValue closed
                ? closed.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
                : record.ModifiedOn.UtcDateTime;
            lines.Add(new OrderLine(customer.Id, date, (double)amount, Invoice: record.Id));
        }

        var result = Segmenter.Train(Segmenter.FeaturesFrom(lines), new SegmentationOptions { Seed = 3 });
        var model = new RegisteredModel
        {
            Org = org,
            Name = ModelName,
            Kind = ModelKind.Segmentation,
            Status = ModelStatus.Champion,
            StatusReason = "the first version of this model",
            TrainedAt = DateTimeOffset.UtcNow,
            Rows = result.Assignments.Count,
            MlNetVersion = typeof(Microsoft.ML.MLContext).Assembly.GetName().Version?.ToString() ?? "unknown",
            Metrics = result.Metrics,
        };
        return await models.RegisterAsync(model, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result.Definitions), cancellationToken);
    }
}
