using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmExtensions.Store.Sql;

/// <summary>Opens connections to the configured database and knows its dialect.</summary>
internal sealed class StoreDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnectionString;

    private StoreDatabase(StoreDialect dialect, string? sqliteConnectionString, NpgsqlDataSource? postgres)
    {
        Dialect = dialect;
        _sqliteConnectionString = sqliteConnectionString;
        _postgres = postgres;
    }

    public StoreDialect Dialect { get; }

    /// <summary>A short description for logs and <c>crmx</c> output, without credentials.</summary>
    public required string Description { get; init; }

    public static StoreDatabase ForSqlite(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        return new StoreDatabase(StoreDialect.Sqlite, connectionString, null) { Description = $"SQLite {path}" };
    }

    public static StoreDatabase ForPostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        return new StoreDatabase(StoreDialect.Postgres, null, NpgsqlDataSource.Create(builder)) { Description = description };
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();

        // WAL lets readers stream while a sync writes; NORMAL is durable across process crashes in WAL mode.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
