using CrmExtensions.Sandbox.Salesforce.Schema;

namespace CrmExtensions.Sandbox.Salesforce.Bulk;

/// <summary>
/// A Bulk API 2.0 query job (salesforce.md §4b). The result set is taken when the job is created; the job reports
/// UploadComplete until it is first polled and JobComplete after, so a client has to poll before reading results.
/// </summary>
internal sealed class BulkQueryJob(string id, string operation, SfObject obj, IReadOnlyList<SfField> fields, List<Dictionary<string, object?>> records, string version, DateTime created)
{
    public string Id { get; } = id;

    public string Operation { get; } = operation;

    public SfObject Object { get; } = obj;

    public IReadOnlyList<SfField> Fields { get; } = fields;

    public List<Dictionary<string, object?>> Records { get; } = records;

    /// <summary>API version of the create call: results are served only through it (salesforce.md §4b, else 409).</summary>
    public string Version { get; } = version;

    public DateTime Created { get; } = created;

    public string State { get; set; } = "UploadComplete";
}
