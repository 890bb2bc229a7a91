using CrmExtensions.Jobs.Alerts;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Host.Alerts;

/// <summary>Registers the alert sink (<c>Crmx:Alerts</c>) and the job-run and drift stores that raise alerts through it.</summary>
internal static class AlertServices
{
    /// <summary>Validates <c>Crmx:Alerts</c> now (a bad setting fails the start naming it) and registers the alerting services.</summary>
    public static AlertOptions AddCrmxAlerts(this IServiceCollection services, IConfiguration configuration, CrmStore store)
    {
        var options = configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, failures));
        }

        services.AddSingleton(options);
        services.AddSingleton<IAlertSink>(sp => AlertSinks.Create(options, sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>(), incidents: store.AlertIncidents));
        services.AddSingleton<IJobRunStore>(sp => new AlertingJobRunStore(store.JobRuns, sp.GetRequiredService<IAlertSink>()));
        services.AddSingleton<IDriftStore>(sp => new AlertingDriftStore(store.Drift, sp.GetRequiredService<IAlertSink>(), options.DriftPsi));
        services.AddHostedService<CredentialExpiryMonitor>();
        return options;
    }
}
