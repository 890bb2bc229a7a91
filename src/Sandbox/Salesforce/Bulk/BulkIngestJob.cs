using CrmExtensions.Sandbox.Salesforce.Schema;

namespace CrmExtensions.Sandbox.Salesforce.Bulk;

/// <summary>
/// A Bulk API 2.0 ingest job (salesforce.md §4a): Open (uploads) → UploadComplete (processed in the background,
/// reported InProgress while it runs and UploadComplete until first polled after) → JobComplete; or Aborted. Results
/// are CSV keyed by <c>sf__Id</c>.
/// </summary>
internal sealed class BulkIngestJob(string id, string operation, SfObject obj, string? externalIdField, char delimiter, string lineEnding, string delimiterName, string version, DateTime created)
{
    public string Id { get; } = id;

    public string Operation { get; } = operation;

    public SfObject Object { get; } = obj;

    public string? ExternalIdField { get; } = externalIdField;

    public char Delimiter { get; } = delimiter;

    public string DelimiterName { get; } = delimiterName;

    public string LineEnding { get; } = lineEnding;

    public string Version { get; } = version;

    public DateTime Created { get; } = created;

    public DateTime Modified { get; set; } = created;

    public string State { get; set; } = "Open";

    /// <summary>True once the rows of a completed upload have been applied (set under the job's lock).</summary>
    public bool Processed { get; set; }

    /// <summary>True once a poll has seen the processed job (UploadComplete is reported until then).</summary>
    public bool Polled { get; set; }

    public string[]? Header { get; set; }

    public List<string[]> Rows { get; } = [];

    public List<(string Id, bool Created, string[] Row)> Successful { get; } = [];

    public List<(string Id, string Error, string[] Row)> Failed { get; } = [];

    public List<string[]> Unprocessed { get; } = [];
}
