using CrmExtensions.Host.Configuration;
using CrmExtensions.Plugins.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Events;

/// <summary>Runs the event processor whenever events arrive (or every poll interval), until the inbox is drained.</summary>
internal sealed partial class EventPump(EventProcessor processor, EventSignal signal, IOptions<ServeOptions> options, ILogger<EventPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Events;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
                EventBatchResult result;
                do
                {
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
