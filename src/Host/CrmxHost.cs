using CrmExtensions.Connectors.Common.WriteBack;
using CrmExtensions.Host.Alerts;
using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Connections;
using CrmExtensions.Host.Endpoints;
using CrmExtensions.Host.Events;
using CrmExtensions.Host.Functions;
using CrmExtensions.Host.Jobs;
using CrmExtensions.Jobs;
using CrmExtensions.Jobs.Alerts;
using CrmExtensions.Plugins.Processing;
using CrmExtensions.Reports.Endpoints;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Store;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmExtensions.Host;

/// <summary>
/// Builds the ASP.NET Core host of <c>crmx serve</c>: the store, the connections, the jobs, a Hangfire server with
/// in-memory or PostgreSQL storage, recurring jobs, the event worker and the endpoints.
/// </summary>
public static class CrmxHost
{
    /// <summary>The environment variable the Azure Functions host sets for a custom handler's port.</summary>
    public const string FunctionsPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Builds the host from <paramref name="configuration"/>; <paramref name="configure"/> can add services (e.g. <see cref="IEndpointModule"/>s) or test seams.</summary>
    public static async Task<WebApplication> BuildAsync(IConfiguration configuration, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(CrmxHost).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        var settings = builder.Configuration.GetSection(ServeOptions.Section).Get<ServeOptions>() ?? new ServeOptions();
        if (Environment.GetEnvironmentVariable(FunctionsPortVariable) is { Length: > 0 } port)
        {
            // Under Azure Functions: listen where the Functions host forwards to, and let its timers schedule.
            settings.Urls = $"http://127.0.0.1:{port}";
            settings.Scheduler = "functions";
            builder.Configuration[$"{ServeOptions.Section}:Scheduler"] = "functions";
        }

        builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);

        // ASP.NET Core's request logs print URLs with their query string, where webhook keys travel (?code=): keep them out.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddOptions<ServeOptions>().Bind(builder.Configuration.GetSection(ServeOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ServeOptions>, ServeOptionsValidator>();
        // Read from the caller's configuration: once chained into the builder's, empty values read as missing.
        builder.Services.PostConfigure<ServeOptions>(o => o.Schedules.ApplyEmptyValues(configuration.GetSection($"{ServeOptions.Section}:Schedules")));

        // Validate before opening anything, so a bad setting fails with its name rather than deep inside a job.
        var failures = new ServeOptionsValidator().Validate(null, settings);
        if (failures.Failed)
        {
            throw new OptionsValidationException(ServeOptions.Section, typeof(ServeOptions), failures.Failures);
        }

        var storeOptions = builder.Configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        var store = await CrmStore.OpenAsync(storeOptions, cancellationToken);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(store.Records);
        builder.Services.AddSingleton(store.Cursors);
        builder.Services.AddSingleton(store.Outputs);
        builder.Services.AddSingleton(store.Models);
        builder.Services.AddSingleton(store.Events);
        builder.Services.AddSingleton(store.Shards);
        builder.Services.AddSingleton(store.Privacy);
        builder.Services.AddSingleton(TimeProvider.System);

        // Job runs and drift measurements raise alerts (Crmx:Alerts): every job reads them through these registrations.
        builder.Services.AddCrmxAlerts(builder.Configuration, store);
        builder.Services.AddSingleton(OutputCatalogue.Default);
        builder.Services.AddSingleton(new WriteBackOptions());
        builder.Services.AddSingleton<SyncJob>();
        builder.Services.AddSingleton<TrainJob>();
        builder.Services.AddSingleton<ScoreJob>();
        builder.Services.AddSingleton<WriteBackJob>();
        builder.Services.AddSingleton<CaseTrainJob>();
        builder.Services.AddSingleton<CaseScoreJob>();
        builder.Services.AddTransient<CaseJobs>();
        builder.Services.AddSingleton<ConnectionCatalog>(sp => new ConnectionCatalog(sp.GetRequiredService<IOptions<ServeOptions>>(), store, alerts: sp.GetRequiredService<IAlertSink>()));
        builder.Services.AddSingleton<IEventTargets>(sp => sp.GetRequiredService<ConnectionCatalog>());
        builder.Services.AddSingleton<ISyncLock, HangfireSyncLock>();
        builder.Services.AddSingleton(sp => new EventProcessor(
            sp.GetRequiredService<CrmExtensions.Scoring.Storage.IRecordEventInbox>(), sp.GetRequiredService<CrmExtensions.Scoring.Storage.IRecordStore>(), sp.GetRequiredService<SyncJob>(), sp.GetRequiredService<ScoreJob>(),
            sp.GetRequiredService<WriteBackJob>(), sp.GetRequiredService<IEventTargets>(), sp.GetRequiredService<ISyncLock>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventProcessor>>())
        { Lease = settings.Events.Lease });
        builder.Services.AddSingleton<EventSignal>();
        builder.Services.AddSingleton<WebhookIntake>();
        builder.Services.AddSingleton<HealthCheck>();
        builder.Services.AddTransient<PipelineJobs>();
        builder.Services.AddTransient<FunctionInvocations>();

        AddHangfire(builder.Services, settings, storeOptions);
        if (!settings.UnderFunctions && settings.Events.Worker)
        {
            builder.Services.AddHostedService<EventPump>();
        }

        builder.Services.AddHostedService<RecurringJobSetup>();
        if (settings.Reports.Enabled)
        {
            // The report pages read the store's job runs, models, records and drift registered above.
            builder.Services.AddCrmxReports(o => o.AllowRemote = settings.Reports.AllowRemote);
            builder.Services.AddEndpointModule<ReportPagesModule>();
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() => store.DisposeAsync().AsTask().GetAwaiter().GetResult());
        app.MapCrmx();
        return app;
    }

    private static void AddHangfire(IServiceCollection services, ServeOptions settings, StoreOptions store)
    {
        var hangfire = settings.Hangfire;
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (hangfire.UsesPostgres)
            {
                var connectionString = hangfire.ConnectionString is { Length: > 0 } own ? own : store.ConnectionString;
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException($"{ServeOptions.Section}:Hangfire:Storage is postgresql but neither {ServeOptions.Section}:Hangfire:ConnectionString nor {StoreOptions.Section}:ConnectionString is set.");
                }

                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = hangfire.Schema,
                    PrepareSchemaIfNecessary = true,
                    InvisibilityTimeout = hangfire.InvisibilityTimeout,
                    QueuePollInterval = hangfire.QueuePollInterval,
                    DistributedLockTimeout = TimeSpan.FromMinutes(10),

                    // Running jobs keep their fetch fresh; a killed worker's job becomes visible again after InvisibilityTimeout.
                    UseSlidingInvisibilityTimeout = true,
                });
            }
            else
            {
                config.UseInMemoryStorage(new InMemoryStorageOptions());
            }
        });

        if (!settings.UnderFunctions)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = hangfire.WorkerCount;
                o.ServerName = hangfire.ServerName ?? $"{Environment.MachineName}:{Environment.ProcessId}";
                o.Queues = [.. hangfire.Queues];
            });
        }
    }
}
