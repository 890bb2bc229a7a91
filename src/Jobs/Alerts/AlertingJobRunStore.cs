using System.Collections.Concurrent;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Jobs.Alerts;

/// <summary>
/// Raises alerts from what job runs record, so every job — sync, train, score, write-back, retention, whoever runs it —
/// alerts the same way without knowing about alerts: a failed run (<see cref="AlertKinds.JobFailed"/>), a partial run
/// (<see cref="AlertKinds.PartialRun"/>), a sync that read a table again in full (<see cref="AlertKinds.FullResync"/>,
/// count <see cref="FullResyncs"/>), a training run that kept its new version as challenger
/// (<see cref="AlertKinds.ChallengerRejected"/>, count <see cref="Promoted"/> = 0). A successful run resolves its job's
/// failure and partial-run incidents.
/// </summary>
public sealed class AlertingJobRunStore(IJobRunStore inner, IAlertSink alerts) : IJobRunStore
{
    /// <summary>The count a sync records when it read a table from the start because its delta could not continue.</summary>
    public const string FullResyncs = "fullResyncs";

    /// <summary>The count a training run records: 1 when the new version became champion, 0 when it stayed challenger.</summary>
    public const string Promoted = "promoted";

    private readonly ConcurrentDictionary<string, JobRun> _running = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<JobRun> StartAsync(OrgId org, string job, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        var run = await inner.StartAsync(org, job, startedAt, cancellationToken).ConfigureAwait(false);
        _running[run.Id] = run;
        return run;
    }

    /// <inheritdoc />
    public async Task FinishAsync(string runId, JobStatus status, IReadOnlyDictionary<string, long> counts, string? error, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        await inner.FinishAsync(runId, status, counts, error, endedAt, cancellationToken).ConfigureAwait(false);
        if (!_running.TryRemove(runId, out var run))
        {
            return;
        }

        // Alerts go out after the run row is saved, and on a token that cannot cancel them halfway.
        var org = run.Org.Value;
        var failed = new AlertKey(AlertKinds.JobFailed, org, run.Job);
        var partial = new AlertKey(AlertKinds.PartialRun, org, run.Job);
        switch (status)
        {
            case JobStatus.Failed:
                await alerts.RaiseAsync(new Alert(failed.Kind, org, run.Job, $"run {runId} failed: {error ?? "no reason recorded"}"), CancellationToken.None).ConfigureAwait(false);
                break;
            case JobStatus.Partial:
                await alerts.RaiseAsync(new Alert(partial.Kind, org, run.Job, $"run {runId} stopped before the end: {error ?? "no reason recorded"}"), CancellationToken.None).ConfigureAwait(false);
                break;
            case JobStatus.Succeeded:
                await alerts.ResolveAsync(failed, CancellationToken.None).ConfigureAwait(false);
                await alerts.ResolveAsync(partial, CancellationToken.None).ConfigureAwait(false);
                break;
        }

        if (counts.TryGetValue(FullResyncs, out var resyncs) && resyncs > 0)
        {
            await alerts.RaiseAsync(new Alert(AlertKinds.FullResync, org, run.Job,
                $"run {runId} read the table again in full: its change-tracking token expired or was refused; deleted records were reconciled"), CancellationToken.None).ConfigureAwait(false);
        }

        if (status == JobStatus.Succeeded && counts.TryGetValue(Promoted, out var promoted))
        {
            var rejected = new AlertKey(AlertKinds.ChallengerRejected, org, run.Job);
            if (promoted == 0)
            {
                var version = counts.TryGetValue("version", out var v) ? $"version {v}" : "the new version";
                await alerts.RaiseAsync(new Alert(rejected.Kind, org, run.Job,
                    $"{version} was kept as challenger: it did not beat the champion on the same held-out data; the champion keeps scoring"), CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await alerts.ResolveAsync(rejected, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRun>> ListAsync(OrgId? org, string? job, int limit, CancellationToken cancellationToken = default) =>
        inner.ListAsync(org, job, limit, cancellationToken);
}
