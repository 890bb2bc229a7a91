using CrmExtensions.Host.Configuration;
using CrmExtensions.Plugins.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Events;

/// <summary>
/// Runs the event processor whenever events arrive (or every poll interval), until the inbox is drained. Passes are
/// paced by the coalescing window: woken by a first event, the pump waits the window so the record's further events
/// join the same pass, and no two passes start closer than the window; one pass rescores a record once, so a record
/// gets at most one scoring and one write per window however many events name it.
/// </summary>
internal sealed partial class EventPump(EventProcessor processor, EventSignal signal, IOptions<ServeOptions> options, TimeProvider time, ILogger<EventPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Events;
        var window = settings.CoalescingWindow;
        var lastPass = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var woken = await signal.WaitAsync(settings.PollInterval, stoppingToken);
                if (woken && window > TimeSpan.Zero)
                {
                    await Task.Delay(window, time, stoppingToken);
                }

                EventBatchResult result;
                do
                {
                    var wait = lastPass + window - time.GetUtcNow();
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, stoppingToken);
                    }

                    lastPass = time.GetUtcNow();
                    result = await processor.ProcessAsync(settings.BatchSize, stoppingToken);
                }
                while (result.Claimed > 0 && result.Deferred < result.Claimed && !stoppingToken.IsCancellationRequested);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                // The store may be briefly unavailable; events stay pending and the next pass retries.
                LogPassFailed(failure);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An event worker pass failed; pending events are retried")]
    private partial void LogPassFailed(Exception failure);
}
