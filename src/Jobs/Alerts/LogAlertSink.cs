using Microsoft.Extensions.Logging;

namespace CrmExtensions.Jobs.Alerts;

/// <summary>Writes alerts as warnings (category <c>CrmExtensions.Jobs.Alerts.LogAlertSink</c>, text starting <c>ALERT</c>) and resolutions as information.</summary>
public sealed partial class LogAlertSink(ILogger<LogAlertSink> logger) : IAlertSink
{
    /// <inheritdoc />
    public Task RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        LogAlert(alert.Kind, alert.Org, alert.Subject, alert.Message);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ResolveAsync(AlertKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        LogResolved(key.Kind, key.Org, key.Subject);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT [{Kind}] org {Org} {Subject}: {Message}")]
    private partial void LogAlert(string kind, string org, string subject, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "RESOLVED [{Kind}] org {Org} {Subject}")]
    private partial void LogResolved(string kind, string org, string subject);
}
