using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Host.Connections;
using CrmExtensions.Jobs;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Host.Jobs;

/// <summary>
/// The case models' jobs as Hangfire (and the Functions timers) run them: <c>case-train:{connection}</c> trains every
/// case spec of the connection (champion/challenger on a fixed hold-out), <c>case-score:{connection}</c> scores the
/// open cases no person categorised with the champions and writes the case table back. They read what the refresh
/// chain synced. Both are safe to run again: a retrain registers a version judged on the same hold-out, scoring stores
/// only changed outputs and the write-back sends only what differs from what was written — never over a person's value.
/// </summary>
public sealed partial class CaseJobs(ConnectionCatalog connections, CaseTrainJob train, CaseScoreJob score, WriteBackJob writeBack, ILogger<CaseJobs> logger)
{
    /// <summary>Trains every case spec of the connection; too few labelled cases is a skipped, successful run.</summary>
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [900, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task TrainAsync(string connection, PerformContext? context, CancellationToken cancellationToken)
    {
        var served = await connections.ReadyAsync(connection, cancellationToken);
        using var scope = Scope(served, context);
        foreach (var spec in served.CaseSpecs)
        {
            var result = await train.RunAsync(served.Org, spec, cancellationToken);
            LogTrained(connection, spec.Name, result.Summary);
        }
    }

    /// <summary>Scores every case spec that has a champion, then writes the case tables back.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task ScoreAsync(string connection, PerformContext? context, CancellationToken cancellationToken)
    {
        var served = await connections.ReadyAsync(connection, cancellationToken);
        using var scope = Scope(served, context);
        foreach (var spec in served.CaseSpecs)
        {
            var result = await score.RunAsync(served.Org, served.Crm, spec, cancellationToken);
            LogScored(connection, spec.Name, result.Scored, result.OutputsChanged, result.Skipped ?? "-");
        }

        foreach (var table in served.CaseTables)
        {
            var written = await writeBack.RunAsync(served.Org, served.Crm, table, served.Connector!.Writer, cancellationToken);
            LogWritten(connection, table, written[WriteStatus.Written], written[WriteStatus.Failed]);
        }
    }

    private IDisposable? Scope(ServedConnection served, PerformContext? context) =>
        logger.BeginScope(new Dictionary<string, object?> { ["Connection"] = served.Name, ["Org"] = served.Org.Value, ["HangfireJob"] = context?.BackgroundJob?.Id });

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained case model {Spec} of {Connection}: {Summary}")]
    private partial void LogTrained(string connection, string spec, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scored case model {Spec} of {Connection}: {Scored} cases, {Changed} outputs changed (skipped: {Skipped})")]
    private partial void LogScored(string connection, string spec, long scored, long changed, string skipped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote back case table {Table} of {Connection}: {Written} records written, {Failed} failed")]
    private partial void LogWritten(string connection, string table, long written, long failed);
}
