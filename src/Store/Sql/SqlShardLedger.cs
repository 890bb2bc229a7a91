using System.Globalization;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Store.Sql;

/// <summary>Sharded runs and their shards; the run row is the lock that makes "last shard done" exact.</summary>
internal sealed class SqlShardLedger(StoreDatabase database) : IShardLedger
{
    public async Task CreateAsync(ShardRun run, IReadOnlyList<ShardRange> shards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(shards);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insertRun = connection.Command("""
            INSERT INTO shard_runs (run_id, org, connection, job, shard_count, done_count, created_at)
            VALUES (@run, @org, @conn, @job, @count, 0, @at) ON CONFLICT (run_id) DO NOTHING
            """, transaction))
        {
            insertRun.Add("@run", run.RunId);
            insertRun.Add("@org", run.Org.Value);
            insertRun.Add("@conn", run.Connection);
            insertRun.Add("@job", run.Job);
            insertRun.Add("@count", shards.Count);
            insertRun.Add("@at", DateTimeOffset.UtcNow.ToStored());
            if (await insertRun.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return;
            }
        }

        await using var insertShard = connection.Command("""
            INSERT INTO shards (run_id, shard, from_id, to_id, attempts) VALUES (@run, @shard, @from, @to, 0)
            """, transaction);
        foreach (var shard in shards)
        {
            insertShard.Parameters.Clear();
            insertShard.Add("@run", run.RunId);
            insertShard.Add("@shard", shard.Shard);
            insertShard.Add("@from", shard.FromId);
            insertShard.Add("@to", shard.ToId);
            await insertShard.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<(ShardRun Run, ShardState Shard)?> StartAsync(string runId, int shard, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var start = connection.Command("UPDATE shards SET attempts = attempts + 1 WHERE run_id = @run AND shard = @shard"))
        {
            start.Add("@run", runId);
            start.Add("@shard", shard);
            if (await start.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        await using var read = connection.Command("""
            SELECT r.org, r.connection, r.job, r.shard_count, s.from_id, s.to_id, s.attempts, s.completed_at
            FROM shard_runs r JOIN shards s ON s.run_id = r.run_id WHERE r.run_id = @run AND s.shard = @shard
            """);
        read.Add("@run", runId);
        read.Add("@shard", shard);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var run = new ShardRun(runId, OrgId.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), ToInt(reader.GetValue(3)));
        var completedAt = reader.GetNullableString(7);
        return (run, new ShardState(runId, new ShardRange(shard, reader.GetNullableString(4), reader.GetNullableString(5)), ToInt(reader.GetValue(6)),
            completedAt is not null, completedAt is null ? null : DbExtensions.FromStored(completedAt)));
    }

    public async Task<bool> CompleteAsync(string runId, int shard, DateTimeOffset now, string? result = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var complete = connection.Command(
            "UPDATE shards SET completed_at = @at, result_json = @result WHERE run_id = @run AND shard = @shard AND completed_at IS NULL", transaction))
        {
            complete.Add("@at", now.ToStored());
            complete.Add("@result", result);
            complete.Add("@run", runId);
            complete.Add("@shard", shard);
            if (await complete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Already completed by an earlier delivery of the same shard: it never counts twice.
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        // The increment locks the run row (PostgreSQL) or the database (SQLite), so exactly one completion sees the last count.
        await using var count = connection.Command(
            "UPDATE shard_runs SET done_count = done_count + 1 WHERE run_id = @run RETURNING done_count, shard_count", transaction);
        count.Add("@run", runId);
        int done, total;
        await using (var reader = await count.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            done = ToInt(reader.GetValue(0));
            total = ToInt(reader.GetValue(1));
        }

        await transaction.CommitAsync(cancellationToken);
        return done == total;
    }

    public async Task<IReadOnlyList<ShardState>> ListAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var read = connection.Command("SELECT shard, from_id, to_id, attempts, completed_at, result_json FROM shards WHERE run_id = @run ORDER BY shard");
        read.Add("@run", runId);
        var shards = new List<ShardState>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var completedAt = reader.GetNullableString(4);
            shards.Add(new ShardState(runId, new ShardRange(ToInt(reader.GetValue(0)), reader.GetNullableString(1), reader.GetNullableString(2)),
                ToInt(reader.GetValue(3)), completedAt is not null, completedAt is null ? null : DbExtensions.FromStored(completedAt))
            {
                Result = reader.GetNullableString(5),
            });
        }

        return shards;
    }

    private static int ToInt(object value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
