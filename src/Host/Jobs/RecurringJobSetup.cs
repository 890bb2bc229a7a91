using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Connections;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Jobs;

/// <summary>
/// Registers the recurring jobs from configuration, in one place: <c>refresh:{connection}</c> and
/// <c>retrain:{connection}</c> with the configured cron and time zone. Under Azure Functions the timers schedule
/// instead, and Hangfire recurring jobs are removed so the two never both run the same jobs.
/// </summary>
internal sealed class RecurringJobSetup(IRecurringJobManager recurring, ConnectionCatalog connections, IOptions<ServeOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        foreach (var connection in connections.All.Where(c => c.Connector is not null))
        {
            var name = connection.Name;
            Schedule($"refresh:{name}", settings.UnderFunctions ? null : settings.Schedules.Refresh, "Refresh",
                () => recurring.AddOrUpdate<PipelineJobs>($"refresh:{name}", j => j.RefreshAsync(name, null, CancellationToken.None), settings.Schedules.Refresh!, new RecurringJobOptions { TimeZone = zone }));
            Schedule($"retrain:{name}", settings.UnderFunctions ? null : settings.Schedules.Retrain, "Retrain",
                () => recurring.AddOrUpdate<PipelineJobs>($"retrain:{name}", j => j.RetrainAsync(name, null, CancellationToken.None), settings.Schedules.Retrain!, new RecurringJobOptions { TimeZone = zone }));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Schedule(string id, string? cron, string setting, Action add)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            recurring.RemoveIfExists(id);
            return;
        }

        try
        {
            add();
        }
        catch (ArgumentException error)
        {
            throw new InvalidOperationException($"{ServeOptions.Section}:Schedules:{setting} '{cron}' is not a valid cron expression: {error.Message}", error);
        }
    }
}
