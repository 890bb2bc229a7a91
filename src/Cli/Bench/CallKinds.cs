namespace CrmExtensions.Cli.Bench;

/// <summary>What an API call is for, as a benchmark counts it against the protocol minimum.</summary>
internal enum CallKind
{
    /// <summary>Moves records out of the CRM: a query page, a Bulk query job's creation or one of its result sets.</summary>
    DataPage,

    /// <summary>Moves records into the CRM: a batch, a collection, a Bulk ingest job's create, upload or close.</summary>
    Write,

    /// <summary>Metadata (describe, <c>$metadata</c>, EntityDefinitions).</summary>
    Metadata,

    /// <summary>A poll of a Bulk job's state.</summary>
    BulkPoll,

    /// <summary>Anything else (limits, WhoAmI, getDeleted, Bulk ingest result sets…).</summary>
    Other,
}

/// <summary>Sorts the sandbox's call labels (<c>/_sandbox/stats</c>) of one CRM's API into <see cref="CallKind"/>s.</summary>
internal abstract class CallKinds
{
    public static CallKinds Dataverse { get; } = new DataverseKinds();

    public static CallKinds Salesforce { get; } = new SalesforceKinds();

    public abstract CallKind Of(string label);

    /// <summary>True for the sandbox's label of this CRM's token requests.</summary>
    public abstract bool IsToken(string label);

    private sealed class DataverseKinds : CallKinds
    {
        public override CallKind Of(string label) =>
            label.StartsWith("POST $batch", StringComparison.Ordinal) || label.StartsWith("PATCH", StringComparison.Ordinal) ? CallKind.Write
            : label.Contains("EntityDefinitions", StringComparison.Ordinal) || label.Contains("$metadata", StringComparison.Ordinal)
                || label.Contains("RetrieveTotalRecordCount", StringComparison.Ordinal) ? CallKind.Metadata
            : label.StartsWith("GET ", StringComparison.Ordinal) && !label.Contains("WhoAmI", StringComparison.Ordinal) ? CallKind.DataPage
            : CallKind.Other;

        public override bool IsToken(string label) => label == "POST token";
    }

    /// <summary>Labels are <c>SF {METHOD} {path}</c> with record and job ids replaced (<c>jobs/ingest/job/batches</c>).</summary>
    private sealed class SalesforceKinds : CallKinds
    {
        public override CallKind Of(string label) => label switch
        {
            "SF GET query" or "SF GET query/next" or "SF GET queryAll" or "SF GET queryAll/next"
                or "SF POST jobs/query" or "SF GET jobs/query/job/results" => CallKind.DataPage,
            "SF GET jobs/query/job" or "SF GET jobs/ingest/job" => CallKind.BulkPoll,
            "SF GET sobjects" => CallKind.Metadata,
            _ when label.StartsWith("SF GET sobjects/", StringComparison.Ordinal) && label.EndsWith("/describe", StringComparison.Ordinal) => CallKind.Metadata,
            // Every other PATCH, PUT, POST or DELETE changes the org (collections, ingest create/upload/close, single records).
            _ when !label.StartsWith("SF GET ", StringComparison.Ordinal) => CallKind.Write,
            _ => CallKind.Other,
        };

        public override bool IsToken(string label) => label == "SF POST token";
    }
}
