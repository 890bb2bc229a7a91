using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Store.Sql;

/// <summary>
/// The durable record-event inbox: insert-if-new on (org, event key), leased claims, completion. The row an event
/// carried (field values) is kept only until the event is completed.
/// </summary>
internal sealed class SqlRecordEventInbox(StoreDatabase database) : IRecordEventInbox
{
    private const string Pending = "pending";
    private const string Done = "done";

    public async Task<int> EnqueueAsync(OrgId org, IReadOnlyCollection<RecordEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.Command("""
            INSERT INTO record_events (org, event_key, entity, record_id, received_at, status, attempts, row_json)
            VALUES (@org, @key, @entity, @id, @at, @status, 0, @row)
            ON CONFLICT (org, event_key) DO NOTHING
            """, transaction);
        var added = 0;
        foreach (var item in events)
        {
            Names.ValidateEntity(item.Entity);
            var id = RecordId.Validate(item.Entity, item.RecordId);
            if (string.IsNullOrWhiteSpace(item.EventKey) || item.EventKey.Length > 200)
            {
                throw new ArgumentException($"Event for {item.Entity} {id}: the event key is empty or longer than 200 characters.", nameof(events));
            }

            insert.Parameters.Clear();
            insert.Add("@org", org.Value);
            insert.Add("@key", item.EventKey);
            insert.Add("@entity", item.Entity);
            insert.Add("@id", id);
            insert.Add("@at", item.ReceivedAt.ToStored());
            insert.Add("@status", Pending);
            insert.Add("@row", item.Row);
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<PendingRecordEvent>> ClaimAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);

        // One statement claims the rows: SQLite serialises writers; PostgreSQL skips rows another worker is claiming.
        var skipLocked = database.Dialect == StoreDialect.Postgres ? "FOR UPDATE SKIP LOCKED" : string.Empty;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var claim = connection.Command($"""
            UPDATE record_events SET attempts = attempts + 1, lease_until = @until
            WHERE (org, event_key) IN (
                SELECT org, event_key FROM record_events
                WHERE status = @status AND (lease_until IS NULL OR lease_until < @now)
                ORDER BY received_at, event_key LIMIT @max {skipLocked})
            RETURNING org, event_key, entity, record_id, received_at, attempts, row_json
            """);
        claim.Add("@until", leaseUntil.ToStored());
        claim.Add("@status", Pending);
        claim.Add("@now", now.ToStored());
        claim.Add("@max", max);
        var claimed = new List<PendingRecordEvent>();
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new PendingRecordEvent(
                OrgId.Parse(reader.GetString(0)),
                new RecordEvent(reader.GetString(1), reader.GetString(2), reader.GetString(3), DbExtensions.FromStored(reader.GetString(4)))
                {
                    Row = reader.GetNullableString(6),
                },
                Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return [.. claimed.OrderBy(c => c.Event.ReceivedAt).ThenBy(c => c.Event.EventKey, StringComparer.Ordinal)];
    }

    public async Task CompleteAsync(IReadOnlyCollection<PendingRecordEvent> events, string outcome, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = connection.Command("""
            UPDATE record_events SET status = @status, done_at = @at, outcome = @outcome, lease_until = NULL, row_json = NULL
            WHERE org = @org AND event_key = @key
            """, transaction);
        foreach (var item in events)
        {
            update.Parameters.Clear();
            update.Add("@status", Done);
            update.Add("@at", now.ToStored());
            update.Add("@outcome", outcome);
            update.Add("@org", item.Org.Value);
            update.Add("@key", item.Event.EventKey);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = connection.Command("SELECT COUNT(*) FROM record_events WHERE status = @status");
        count.Add("@status", Pending);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
