using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Salesforce.Http;

namespace CrmExtensions.Connectors.Salesforce.Writing;

/// <summary>Turns one collection result's error (<c>statusCode</c>, salesforce.md §3c) into the write-back taxonomy.</summary>
internal static class OutcomeClassifier
{
    public static WriteOutcome Classify(string recordId, SalesforceError? error, IEnumerable<string> sentValues)
    {
        if (error is null)
        {
            return new WriteOutcome(recordId, WriteStatus.Written);
        }

        var reason = $"{error.Code}: {Redact(error.Message, sentValues)}";
        var status = error.Code switch
        {
            // The record was deleted or merged away; a wrong id of the right shape reads as not found.
            "ENTITY_IS_DELETED" or "NOT_FOUND" or "INVALID_CROSS_REFERENCE_KEY" => WriteStatus.SkippedRecordGone,
            // A converted lead cannot be updated (salesforce.md §9 Lead.IsConverted; the code is the sandbox's, docs/sandbox-data.md).
            "CANNOT_UPDATE_CONVERTED_LEAD" or "ENTITY_IS_LOCKED" => WriteStatus.SkippedClosed,
            // Field-level security or sharing: our integration user may not write this record or field (salesforce.md §8).
            "INSUFFICIENT_ACCESS_OR_READONLY" or "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY" or "INVALID_FIELD_FOR_INSERT_UPDATE"
                or "INSUFFICIENT_ACCESS" or "INVALID_FIELD" => WriteStatus.SkippedNoAccess,
            _ => WriteStatus.Failed,
        };
        return new WriteOutcome(recordId, status, reason);
    }

    /// <summary>CRM messages may quote the value refused; a reason never carries field values.</summary>
    private static string Redact(string message, IEnumerable<string> sentValues)
    {
        foreach (var value in sentValues.Where(v => v.Length > 1).OrderByDescending(v => v.Length))
        {
            message = message.Replace(value, "(value)", StringComparison.Ordinal);
        }

        return message;
    }
}
