using System.Data.Common;
using CrmExtensions.Store.Sql;

namespace CrmExtensions.Store.Schema;

/// <summary>Creates the schema on first start and applies newer steps on later starts, each in a transaction.</summary>
internal static class SchemaMigrator
{
    public static int LatestVersion => Migrations.All[^1].Version;

    public static async Task<int> MigrateAsync(StoreDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var create = connection.Command("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var current = await CurrentVersionAsync(connection, null, cancellationToken);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The store has schema version {current}, newer than this build of crmx knows ({LatestVersion}); upgrade crmx.");
        }

        foreach (var migration in Migrations.All.Where(m => m.Version > current))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // Two processes may start against one new PostgreSQL store: re-check inside the transaction.
            if (database.Dialect == StoreDialect.Postgres)
            {
                await using var lockCommand = connection.Command("LOCK TABLE schema_version IN EXCLUSIVE MODE", transaction);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            if (await CurrentVersionAsync(connection, transaction, cancellationToken) >= migration.Version)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            await using (var step = connection.Command(Render(migration.Sql, database.Dialect), transaction))
            {
                await step.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = connection.Command("INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)", transaction))
            {
                record.Add("@v", migration.Version);
                record.Add("@at", DateTimeOffset.UtcNow.ToStored());
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return LatestVersion;
    }

    internal static string Render(string sql, StoreDialect dialect) => dialect switch
    {
        // Keys compare byte-wise in both databases, so shards by id range agree between providers.
        StoreDialect.Postgres => sql.Replace("{blob}", "BYTEA", StringComparison.Ordinal)
            .Replace("{id}", "TEXT COLLATE \"C\"", StringComparison.Ordinal)
            .Replace("{bigint}", "BIGINT", StringComparison.Ordinal),
        _ => sql.Replace("{blob}", "BLOB", StringComparison.Ordinal)
            .Replace("{id}", "TEXT", StringComparison.Ordinal)
            .Replace("{bigint}", "INTEGER", StringComparison.Ordinal),
    };

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var query = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction);
        return Convert.ToInt32(await query.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
