using CrmExtensions.Sandbox.Dataverse.Http;

namespace CrmExtensions.Sandbox.Salesforce.Http;

internal static partial class SalesforceApi
{
    /// <summary><c>GET limits</c> with numeric Max/Remaining (salesforce.md §5, DOC dome-limits example keys).</summary>
    private static DataverseResponse Limits(SalesforceContext ctx)
    {
        var (used, max) = ctx.Usage;
        var limits = new (string Name, int Max, int Remaining)[]
        {
            ("ConcurrentAsyncGetReportInstances", 200, 200),
            ("DailyApiRequests", max, Math.Max(0, max - used)),
            ("DailyBulkApiBatches", 15000, 15000),
            ("DailyBulkV2QueryFileStorageMB", 976562, 976562),
            ("DailyBulkV2QueryJobs", 10000, 10000),
            ("DataStorageMB", 5, 5),
        };
        return SfResponse.Json(200, JsonBuffer.Write(w =>
        {
            w.WriteStartObject();
            foreach (var (name, limit, remaining) in limits)
            {
                w.WriteStartObject(name);
                w.WriteNumber("Max", limit);
                w.WriteNumber("Remaining", remaining);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }));
    }
}
