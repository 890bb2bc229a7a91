using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store.Schema;
using CrmExtensions.Store.Sql;
using Npgsql;

namespace CrmExtensions.Store;

/// <summary>
/// An open store: SQLite in the data folder by default, PostgreSQL when a connection string is configured.
/// Opening creates or migrates the schema.
/// </summary>
public sealed class CrmStore : IAsyncDisposable
{
    private readonly StoreDatabase _database;

    private CrmStore(StoreDatabase database)
    {
        _database = database;
        var records = new SqlRecordStore(database);
        Records = records;
        Cursors = records;
        Outputs = new SqlOutputStore(database);
        Models = new SqlModelRegistry(database);
        JobRuns = new SqlJobRunStore(database);
        Connections = new SqlConnectionRegistry(database);
        Drift = new SqlDriftStore(database);
        Privacy = new SqlPrivacyStore(database);

        Events = new SqlRecordEventInbox(database);
        Shards = new SqlShardLedger(database);
        AlertIncidents = new SqlAlertIncidentStore(database);
    }

    /// <summary>Synced records.</summary>
    public IRecordStore Records { get; }

    /// <summary>Sync cursors.</summary>
    public ICursorStore Cursors { get; }

    /// <summary>Model outputs and write-back state.</summary>
    public IOutputStore Outputs { get; }

    /// <summary>The model registry.</summary>
    public IModelRegistry Models { get; }

    /// <summary>Job runs.</summary>
    public IJobRunStore JobRuns { get; }

    /// <summary>Connections and the orgs they reached.</summary>
    public IConnectionRegistry Connections { get; }

    /// <summary>Drift per scoring run.</summary>
    public IDriftStore Drift { get; }

    /// <summary>The database, for tests that must see what the contracts do not show (e.g. a tombstone's purged values).</summary>
    internal StoreDatabase Database => _database;

    /// <summary>Erasure (<c>crmx forget</c>) and retention.</summary>
    public IPrivacyStore Privacy { get; }

    /// <summary>The durable inbox of record-changed events (webhooks, outbound messages).</summary>
    public IRecordEventInbox Events { get; }

    /// <summary>Sharded runs and their shards.</summary>
    public IShardLedger Shards { get; }

    /// <summary>Open alert incidents, so every process of the installation deduplicates alerts alike.</summary>
    public IAlertIncidentStore AlertIncidents { get; }

    /// <summary>"SQLite /path/crmx.db" or "PostgreSQL host:port/db"; never contains a password.</summary>
    public string Description => _database.Description;

    /// <summary>The schema version after opening.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>Opens (creating and migrating) the store the options describe.</summary>
    public static async Task<CrmStore> OpenAsync(StoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        StoreDatabase database;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                database = StoreDatabase.ForPostgres(options.ConnectionString);
            }
            catch (ArgumentException error)
            {
                // Npgsql's message can quote the bad keyword but not the password; keep only the reason.
                throw new InvalidOperationException($"{StoreOptions.Section}:ConnectionString is not a valid PostgreSQL connection string: {error.Message}", error);
            }
        }
        else
        {
            database = StoreDatabase.ForSqlite(PrepareSqliteFile(options.DataFolder));
        }

        try
        {
            var store = new CrmStore(database);
            store.SchemaVersion = await SchemaMigrator.MigrateAsync(database, cancellationToken);
            return store;
        }
        catch (NpgsqlException error)
        {
            await database.DisposeAsync();
            throw new InvalidOperationException($"Cannot open the store ({database.Description}): {error.Message}", error);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    // The store holds customers' CRM data: the folder and file are readable by their owner only.
    private static string PrepareSqliteFile(string dataFolder)
    {
        if (string.IsNullOrWhiteSpace(dataFolder))
        {
            throw new InvalidOperationException($"{StoreOptions.Section}:DataFolder is empty.");
        }

        var folder = Path.GetFullPath(dataFolder);
        var path = Path.Combine(folder, "crmx.db");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return path;
        }

        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(path))
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }

        return path;
    }
}
