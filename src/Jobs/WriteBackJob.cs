using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs;

/// <summary>Writes one table's material output changes to the CRM (<c>writeback:{table}</c>).</summary>
public sealed class WriteBackJob(IOutputStore outputs, IRecordStore records, OutputCatalogue catalogue, WriteBackOptions options, IJobRunStore runs, TimeProvider time)
{
    /// <summary>Runs the write-back and records per-outcome counts; any failed record makes the run partial.</summary>
    public Task<WriteBackResult> RunAsync(OrgId org, CrmKind crm, string table, ICrmWriter writer, CancellationToken cancellationToken = default) =>
        RunAsync(org, crm, table, writer, null, cancellationToken);

    /// <summary>Like the other overload, but only over the outputs of <paramref name="recordIds"/> when given (a webhook's records).</summary>
    public Task<WriteBackResult> RunAsync(OrgId org, CrmKind crm, string table, ICrmWriter writer, IReadOnlyCollection<string>? recordIds, CancellationToken cancellationToken = default) =>
        JobRecorder.RecordAsync(runs, time, org, $"writeback:{table}", async ct =>
        {
            var result = await new WriteBackRunner(outputs, records, catalogue, options, time).RunAsync(org, crm, table, writer, recordIds, ct);
            var counts = result.Records.ToDictionary(r => r.Key.ToString(), r => r.Value);
            counts["writerCalls"] = result.WriterCalls;
            var failed = result[WriteStatus.Failed];
            var status = failed == 0 ? JobStatus.Succeeded : JobStatus.Partial;
            return (result, status, (IReadOnlyDictionary<string, long>)counts, failed == 0 ? null : $"{failed} records of {table} failed; they are retried on the next run");
        }, cancellationToken);
}
