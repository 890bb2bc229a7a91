using CrmExtensions.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Jobs.Alerts;

/// <summary>Builds the configured alert sink: the log, plus the webhook when a URL is set, deduplicated per incident.</summary>
public static class AlertSinks
{
    /// <summary>
    /// The sink for <paramref name="options"/> (validated first; a bad setting throws naming it). Dispose it with the host.
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <param name="loggers">Where the log sink writes.</param>
    /// <param name="time">The clock of the deduplication window.</param>
    /// <param name="transport">The HTTP handler of the webhook (tests); a new socket handler when null.</param>
    /// <param name="incidents">Where open incidents are kept: the store's (shared by every process), or this process's memory when null.</param>
    public static DeduplicatingAlertSink Create(
        AlertOptions options, ILoggerFactory loggers, TimeProvider time, HttpMessageHandler? transport = null, IAlertIncidentStore? incidents = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, failures), nameof(options));
        }

        var sinks = new List<IAlertSink> { new LogAlertSink(loggers.CreateLogger<LogAlertSink>()) };
        if (options.WebhookUrl is { } url)
        {
            // A plain HttpClient, not IHttpClientFactory: the factory's logging handler prints request URLs, and this one holds a secret.
            var http = new HttpClient(transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: transport is null)
            {
                Timeout = options.WebhookTimeout,
            };
            sinks.Add(new WebhookAlertSink(http, url, loggers.CreateLogger<WebhookAlertSink>()));
        }

        return new DeduplicatingAlertSink(new AlertFanOut(sinks), time, options.RepeatAfter, incidents ?? new InMemoryAlertIncidents());
    }
}
