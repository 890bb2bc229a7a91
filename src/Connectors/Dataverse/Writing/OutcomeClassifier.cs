using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Dataverse.Http;

namespace CrmExtensions.Connectors.Dataverse.Writing;

/// <summary>Turns one batch part's status into the write-back taxonomy.</summary>
internal static class OutcomeClassifier
{
    public static WriteOutcome Classify(string recordId, int status, DataverseError? error, IEnumerable<string> sentValues)
    {
        if (status is >= 200 and < 300)
        {
            return new WriteOutcome(recordId, WriteStatus.Written);
        }

        var code = error?.Code ?? string.Empty;
        var reason = $"{status} {code}".TrimEnd() + ": " + Redact(error?.Message ?? string.Empty, sentValues);
        return status switch
        {
            // dataverse.md §3: If-Match: * on a missing record → 404 (0x80040217 ObjectDoesNotExist).
            404 => new WriteOutcome(recordId, WriteStatus.SkippedRecordGone, reason),
            // dataverse.md §0: 403 = the caller lacks a privilege on the record or column.
            403 => new WriteOutcome(recordId, WriteStatus.SkippedNoAccess, reason),
            _ when code.Equals(FailureClassifier.RecordClosed, StringComparison.OrdinalIgnoreCase) => new WriteOutcome(recordId, WriteStatus.SkippedClosed, reason),
            _ => new WriteOutcome(recordId, WriteStatus.Failed, reason),
        };
    }

    /// <summary>CRM messages may quote the value refused ("The value 'x' …"); a reason never carries field values.</summary>
    private static string Redact(string message, IEnumerable<string> sentValues)
    {
        foreach (var value in sentValues.Where(v => v.Length > 1).OrderByDescending(v => v.Length))
        {
            message = message.Replace(value, "(value)", StringComparison.Ordinal);
        }

        return message;
    }
}
