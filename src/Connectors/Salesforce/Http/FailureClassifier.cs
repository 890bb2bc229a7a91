namespace CrmExtensions.Connectors.Salesforce.Http;

/// <summary>
/// Turns a failed response into transient / configuration / budget / system (salesforce.md §5 status table).
/// </summary>
internal static class FailureClassifier
{
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";

    public static FailureKind Classify(int status, SalesforceError error, bool budgetSpent) => status switch
    {
        // salesforce.md §5: both the daily allocation and the concurrent long-running limit answer 403
        // REQUEST_LIMIT_EXCEEDED; the daily one says "TotalRequests Limit exceeded." (message from real errors, the
        // other's text is UNVERIFIED). A message that does not name TotalRequests while the budget has room left is the
        // concurrency limit, which passes: retried.
        403 when error.Code == RequestLimitExceeded =>
            error.Message.Contains("TotalRequests", StringComparison.OrdinalIgnoreCase) || budgetSpent ? FailureKind.Budget : FailureKind.Transient,
        // salesforce.md §5: 500/503 and the Edge's 420/502 are passing conditions; a query that timed out is retried.
        408 or 420 or 500 or 502 or 503 or 504 => FailureKind.Transient,
        400 when error.Code == "QUERY_TIMEOUT" => FailureKind.Transient,
        // §1d: a 401 after a fresh session means wrong credentials or a revoked app; §5: 403 = missing permission.
        401 or 403 => FailureKind.Configuration,
        // An object or field the integration user cannot see (field-level security hides it, salesforce.md §8).
        400 or 404 when error.Code is "INVALID_FIELD" or "INVALID_TYPE" or "NOT_FOUND" => FailureKind.Configuration,
        _ => FailureKind.System,
    };
}
