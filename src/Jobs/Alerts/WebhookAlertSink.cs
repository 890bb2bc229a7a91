using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Jobs.Alerts;

/// <summary>
/// Posts alerts to an incoming webhook as <c>{"text": "…"}</c>, the body Teams (Office 365 connector / Workflows
/// "post to a channel when a webhook request is received") and Slack incoming webhooks accept. The URL carries the
/// channel's secret, so it is never logged; a failed delivery is logged with its status and never thrown.
/// </summary>
public sealed partial class WebhookAlertSink(HttpClient http, Uri url, ILogger<WebhookAlertSink> logger) : IAlertSink, IDisposable
{
    /// <inheritdoc />
    public Task RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return PostAsync(alert.Key, $"⚠ crmx {alert.Text}", cancellationToken);
    }

    /// <inheritdoc />
    public Task ResolveAsync(AlertKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return PostAsync(key, $"✔ crmx resolved {key}", cancellationToken);
    }

    /// <summary>Disposes the HTTP client.</summary>
    public void Dispose() => http.Dispose();

    private async Task PostAsync(AlertKey key, string text, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(url, new WebhookText(text), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogNotDelivered(key.Kind, key.Org, key.Subject, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The exception text of a failed connection can name the URL: log its type only.
            LogNotDelivered(key.Kind, key.Org, key.Subject, failure.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert [{Kind}] org {Org} {Subject} was not delivered to the alert webhook: {Reason}")]
    private partial void LogNotDelivered(string kind, string org, string subject, string reason);

    private sealed record WebhookText([property: JsonPropertyName("text")] string Text);
}
