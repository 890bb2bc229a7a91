namespace CrmExtensions.Host.Configuration;

/// <summary>Hangfire storage and server (<c>Crmx:Host:Hangfire</c>).</summary>
public sealed class HangfireSettings
{
    /// <summary><c>memory</c> (default, one process) or <c>postgresql</c> (several servers share jobs).</summary>
    public string Storage { get; set; } = "memory";

    /// <summary>PostgreSQL connection string; empty means the store's (<c>Crmx:Store:ConnectionString</c>). Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL schema of Hangfire's tables.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>Worker threads of this server.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>Queues this server takes jobs from, in priority order.</summary>
    public IList<string> Queues { get; set; } = ["default"];

    /// <summary>The server's name in the dashboard (default: machine name and process id).</summary>
    public string? ServerName { get; set; }

    /// <summary>How long a fetched job stays invisible before another server takes it over (a killed worker's job re-runs after this).</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often idle workers poll the PostgreSQL queue.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True for PostgreSQL storage.</summary>
    public bool UsesPostgres => string.Equals(Storage, "postgresql", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Storage, "postgres", StringComparison.OrdinalIgnoreCase);
}
