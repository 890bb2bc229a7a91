using CrmExtensions.Jobs.Alerts;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmExtensions.Cli.Commands;

/// <summary>
/// The alert sink of one-off commands (<c>Crmx:Alerts</c>, as <c>crmx serve</c> uses): a scheduled <c>crmx sync</c>
/// that fails alerts the webhook channel, once per incident across runs, because the open incidents live in the store.
/// The commands print their own results, so the log sink stays silent here.
/// </summary>
internal static class CliAlerts
{
    /// <summary>The validated alert settings (a bad setting is a usage error naming it).</summary>
    public static AlertOptions Options(CliSettings settings)
    {
        var options = settings.Configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        var failures = options.Validate();
        return failures.Count > 0 ? throw new UsageException(string.Join(" ", failures)) : options;
    }

    /// <summary>A sink deduplicating through <paramref name="store"/>'s incidents (this process's memory when null).</summary>
    public static DeduplicatingAlertSink Open(CliSettings settings, CrmStore? store) =>
        AlertSinks.Create(Options(settings), NullLoggerFactory.Instance, TimeProvider.System, incidents: store?.AlertIncidents);

    /// <summary>
    /// <see cref="CrmConnection.BindAsync"/>, alerting (<see cref="AlertKinds.JobFailed"/>, subject <paramref name="command"/>)
    /// when the CRM cannot be reached — no job run starts then, so the job-run alerts would stay silent — and resolving
    /// that incident once it is reached again. The org is the one the connection last reached (<c>-</c> before any).
    /// </summary>
    public static async Task<OrgId> BindAsync(CrmConnector connector, CrmStore store, CliSettings settings, IAlertSink alerts, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(alerts);
        var known = await store.Connections.GetOrgAsync(connector.Name, cancellationToken);
        OrgId org;
        try
        {
            org = await CrmConnection.BindAsync(connector, store, settings, cancellationToken);
        }
        catch (InvalidOperationException unreachable)
        {
            await alerts.RaiseAsync(new Alert(AlertKinds.JobFailed, known?.Value ?? "-", command, $"crmx {command} did not start: {unreachable.Message}"), CancellationToken.None);
            throw;
        }

        await alerts.ResolveAsync(new AlertKey(AlertKinds.JobFailed, known?.Value ?? "-", command), CancellationToken.None);
        await alerts.ResolveAsync(new AlertKey(AlertKinds.JobFailed, org.Value, command), CancellationToken.None);
        return org;
    }

    /// <summary><paramref name="store"/>'s job runs, raising alerts through <paramref name="alerts"/> as the host's do.</summary>
    public static IJobRunStore JobRuns(CrmStore store, IAlertSink alerts) => new AlertingJobRunStore(store.JobRuns, alerts);
}
