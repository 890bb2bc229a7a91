namespace CrmExtensions.Connectors.Dataverse.Http;

/// <summary>
/// Turns a failed response into transient / configuration / system, following dataverse.md §0 (status codes) and §4
/// (service protection).
/// </summary>
internal static class FailureClassifier
{
    /// <summary>ExpiredVersionStamp: the delta token is too old, do a full sync (dataverse.md §2 "Token expiry").</summary>
    public const string ExpiredVersionStamp = "0x80044352";

    /// <summary>ObjectDoesNotExist, returned with 404 on <c>If-Match: *</c> (dataverse.md §3).</summary>
    public const string ObjectDoesNotExist = "0x80040217";

    /// <summary>
    /// A resolved or canceled case refused an update ("This case has already been resolved…"). The code is the
    /// sandbox's choice (docs/sandbox-data.md) since dataverse.md §8 only says resolving needs CloseIncident (UNVERIFIED).
    /// </summary>
    public const string RecordClosed = "0x80040203";

    private static readonly string[] ServiceProtectionCodes = ["0x80072322", "0x80072321", "0x80072326"];

    public static FailureKind Classify(int status, string code) => status switch
    {
        // dataverse.md §4: 429 with Retry-After for each service-protection limit.
        429 => FailureKind.Transient,
        _ when ServiceProtectionCodes.Contains(code, StringComparer.OrdinalIgnoreCase) => FailureKind.Transient,
        // dataverse.md §0: 503 and timeouts are passing conditions; 500 is treated as one too (the sandbox injects them).
        408 or 500 or 502 or 503 or 504 => FailureKind.Transient,
        // dataverse.md §5: 401 after a fresh token means wrong credentials or an app user missing from the org; 403 a privilege.
        401 or 403 => FailureKind.Configuration,
        // An unknown table, set or column: 404 0x80060888 / 400 "Could not find a property" (docs/sandbox-data.md).
        404 when code.Equals("0x80060888", StringComparison.OrdinalIgnoreCase) => FailureKind.Configuration,
        _ => FailureKind.System,
    };

    /// <summary>
    /// dataverse.md §2: on ExpiredVersionStamp, or any 4xx on a delta link, discard the token and resync fully. The
    /// status of an expired token is UNVERIFIED, so the code counts whatever the status.
    /// </summary>
    /// 401 (§5, the token), 408 and 429 (§4, throttling) say nothing about the delta token and are left to the retries.
    public static bool IsDeltaExpired(int status, string code) =>
        (status is >= 400 and < 500 and not (401 or 408 or 429)) || code.Equals(ExpiredVersionStamp, StringComparison.OrdinalIgnoreCase);
}
