using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Connections;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host.Jobs;

/// <summary>
/// Registers the recurring jobs from configuration, in one place: <c>refresh:{connection}</c>,
/// <c>retrain:{connection}</c> and, for connections with case models, <c>case-train:{connection}</c> and
/// <c>case-score:{connection}</c>, with the configured cron and time zone. Under Azure Functions the timers schedule
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

        foreach (var connection in connections.All.Where(c => c.Connector is not null))
        {
            // Case models only where the connection syncs a case table (or names a case model); otherwise no schedule.
            var name = connection.Name;
            var cases = connection.CaseSpecs.Count > 0 && !settings.UnderFunctions;
            Schedule($"case-train:{name}", cases ? settings.Schedules.CaseTrain : null, "CaseTrain",
                () => recurring.AddOrUpdate<CaseJobs>($"case-train:{name}", j => j.TrainAsync(name, null, CancellationToken.None), settings.Schedules.CaseTrain!, new RecurringJobOptions { TimeZone = zone }));
            Schedule($"case-score:{name}", cases ? settings.Schedules.CaseScore : null, "CaseScore",
                () => recurring.AddOrUpdate<CaseJobs>($"case-score:{name}", j => j.ScoreAsync(name, null, CancellationToken.None), settings.Schedules.CaseScore!, new RecurringJobOptions { TimeZone = zone }));
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
