using CrmExtensions.Host.Connections;
using CrmExtensions.Jobs.Alerts;
using Microsoft.Extensions.Hosting;

namespace CrmExtensions.Host.Alerts;

/// <summary>
/// Warns through the alert sink before a connection's client secret or certificate expires: once at start, then daily
/// (the sink's deduplication keeps it to one alert per credential per <c>Crmx:Alerts:RepeatAfter</c>).
/// </summary>
internal sealed class CredentialExpiryMonitor(ConnectionCatalog connections, IAlertSink alerts, AlertOptions options, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromDays(1);

    /// <summary>Checks every connection once.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in connections.All)
        {
            if (connection.Connector is { Credentials.Count: > 0 } connector)
            {
                await CredentialExpiryWarnings.CheckAsync(alerts, connection.Org.Value, connector.Credentials, time.GetUtcNow(), options.CredentialWarningDays, cancellationToken);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await CheckAsync(stoppingToken);
                await Task.Delay(Every, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
