using System.Data.Common;
using System.Runtime.CompilerServices;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store.Serialization;

namespace CrmExtensions.Store.Sql;

/// <summary>Records and their cursors in one SQL database (SQLite or PostgreSQL).</summary>
internal sealed class SqlRecordStore(StoreDatabase database) : IRecordStore, ICursorStore
{
    private const int IdChunk = 500;

    // Beyond this many referenced ids the pre-filter is left out (the reader filters): a statement stays far below either
    // provider's parameter limit, and a long IN list is no cheaper than reading.
    private const int MaxReferencedIds = 1_000;

    // A record replaces the stored one only when it is newer, or equally new with different content, so a
    // redelivered or out-of-order page never rolls a record back. A tombstone keeps the last values until the
    // retention job purges them.
    private const string UpsertSql = """
        INSERT INTO records (org, entity, id, modified_on, deleted, values_json, version)
        VALUES (@org, @entity, @id, @modified, @deleted, @values, @version)
        ON CONFLICT (org, entity, id) DO UPDATE SET
            modified_on = excluded.modified_on,
            deleted = excluded.deleted,
            values_json = CASE WHEN excluded.deleted = 1 THEN records.values_json ELSE excluded.values_json END,
            version = excluded.version
        WHERE excluded.modified_on > records.modified_on
           OR (excluded.modified_on = records.modified_on
               AND (excluded.deleted <> records.deleted
                    OR (excluded.deleted = 0 AND excluded.values_json <> records.values_json)))
        """;

    private const string CursorSql = """
        INSERT INTO cursors (org, entity, stream, value, updated_at) VALUES (@org, @entity, @stream, @value, @at)
        ON CONFLICT (org, entity, stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """;

    public async Task<UpsertResult> UpsertAsync(OrgId org, string entity, IReadOnlyCollection<CrmRecord> batch, SyncCursor? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Names.ValidateEntity(entity);
        var rows = Prepare(org, entity, batch);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = await NextVersionAsync(connection, transaction, cancellationToken);
        rows = await WithoutForgottenAsync(connection, transaction, org, entity, rows, cancellationToken);
        var written = database.Dialect == StoreDialect.Postgres
            ? await UpsertSetAsync(connection, transaction, org, entity, version, rows, cancellationToken)
            : await UpsertRowsAsync(connection, transaction, org, entity, version, rows, cancellationToken);

        if (cursor is not null)
        {
            await using var save = connection.Command(CursorSql, transaction);
            save.Add("@org", org.Value);
            save.Add("@entity", entity);
            save.Add("@stream", cursor.Stream);
            save.Add("@value", cursor.Value);
            save.Add("@at", DateTimeOffset.UtcNow.ToStored());
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new UpsertResult(written, batch.Count - written);
    }

    // Checks every record before anything is written, and keeps the newest copy of an id that appears twice in one
    // batch (the last one on a tie), so both providers apply a batch the same way.
    private static List<Row> Prepare(OrgId org, string entity, IReadOnlyCollection<CrmRecord> batch)
    {
        var newest = new Dictionary<string, Row>(batch.Count, StringComparer.Ordinal);
        foreach (var record in batch)
        {
            if (record.Org != org || !string.Equals(record.Entity, entity, StringComparison.Ordinal))
            {
                throw new RecordValidationException(entity, record.Id, null,
                    $"the record belongs to entity '{record.Entity}' of another org or table than the batch");
            }

            var row = new Row(record.Id, record.ModifiedOn.ToStored(), record.Deleted ? 1 : 0, FieldValueJson.SerializeValues(record.Values));
            if (!newest.TryGetValue(record.Id, out var seen) || string.CompareOrdinal(row.Modified, seen.Modified) >= 0)
            {
                newest[record.Id] = row;
            }
        }

        return [.. newest.Values];
    }

    // A forgotten person stays forgotten: the CRM may still hold the record (erasing it there is the admin's step),
    // so every later copy of it is dropped here. Erasure requests are few, so the ids of one table fit in memory.
    private static async Task<List<Row>> WithoutForgottenAsync(DbConnection connection, DbTransaction transaction, OrgId org, string entity, List<Row> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT id FROM forgotten WHERE org = @org AND entity = @entity", transaction);
        command.Add("@org", org.Value);
        command.Add("@entity", entity);
        HashSet<string>? forgotten = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                (forgotten ??= new HashSet<string>(StringComparer.Ordinal)).Add(reader.GetString(0));
            }
        }

        return forgotten is null ? rows : [.. rows.Where(r => !forgotten.Contains(r.Id))];
    }

    // SQLite runs in-process: one prepared statement executed per row is as fast as it gets.
    private static async Task<int> UpsertRowsAsync(DbConnection connection, DbTransaction transaction, OrgId org, string entity, long version, List<Row> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(UpsertSql, transaction);
        command.Add("@org", org.Value);
        command.Add("@entity", entity);
        var pId = command.Add("@id", string.Empty);
        var pModified = command.Add("@modified", string.Empty);
        var pDeleted = command.Add("@deleted", 0);
        var pValues = command.Add("@values", string.Empty);
        command.Add("@version", version);
        await command.PrepareAsync(cancellationToken);
        var written = 0;
        foreach (var row in rows)
        {
            pId.Value = row.Id;
            pModified.Value = row.Modified;
            pDeleted.Value = row.Deleted;
            pValues.Value = row.Values;
            written += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return written;
    }

    // PostgreSQL is across a network: one statement per batch with array parameters instead of a round trip per row.
    private static async Task<int> UpsertSetAsync(DbConnection connection, DbTransaction transaction, OrgId org, string entity, long version, List<Row> rows, CancellationToken cancellationToken)
    {
        var sql = UpsertSql.Replace(
            "VALUES (@org, @entity, @id, @modified, @deleted, @values, @version)",
            "SELECT @org, @entity, u.id, u.modified, u.deleted, u.vals, @version FROM unnest(@ids, @modifieds, @deleteds, @valueses) AS u(id, modified, deleted, vals)",
            StringComparison.Ordinal);
        var written = 0;
        foreach (var chunk in rows.Chunk(5_000))
        {
            await using var command = connection.Command(sql, transaction);
            command.Add("@org", org.Value);
            command.Add("@entity", entity);
            command.Add("@version", version);
            command.Add("@ids", chunk.Select(r => r.Id).ToArray());
            command.Add("@modifieds", chunk.Select(r => r.Modified).ToArray());
            command.Add("@deleteds", chunk.Select(r => r.Deleted).ToArray());
            command.Add("@valueses", chunk.Select(r => r.Values).ToArray());
            written += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return written;
    }

    public async IAsyncEnumerable<StoredRecord> ReadAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Ids is null)
        {
            await foreach (var stored in ReadRangeAsync(query, null, cancellationToken))
            {
                yield return stored;
            }

            yield break;
        }

        // Named ids are read by key (the primary key's index), a chunk at a time in id order, so the whole stream stays in
        // id order and a statement stays far below either provider's parameter limit.
        var ids = query.Ids.Select(RecordId.Normalise).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var chunk in ids.Chunk(IdChunk))
        {
            await foreach (var stored in ReadRangeAsync(query, chunk, cancellationToken))
            {
                yield return stored;
            }
        }
    }

    private async IAsyncEnumerable<StoredRecord> ReadRangeAsync(RecordQuery query, string[]? ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(string.Empty);
        command.CommandText = "SELECT id, modified_on, deleted, values_json, version FROM records WHERE org = @org AND entity = @entity AND version > @after";
        command.Add("@org", query.Org.Value);
        command.Add("@entity", query.Entity);
        command.Add("@after", query.AfterVersion);
        if (!query.IncludeDeleted)
        {
            command.CommandText += " AND deleted = 0";
        }

        if (query.FromId is not null)
        {
            command.CommandText += " AND id >= @from";
            command.Add("@from", query.FromId);
        }

        if (query.ToId is not null)
        {
            command.CommandText += " AND id < @to";
            command.Add("@to", query.ToId);
        }

        if (query.Exclude is { Values.Count: > 0 } exclude)
        {
            command.CommandText += Excluding(exclude, command);
        }

        if (query.ReferencingAny is { Ids.Count: > 0 and <= MaxReferencedIds } referencing)
        {
            command.CommandText += Referencing(referencing, command);
        }

        if (ids is not null)
        {
            command.CommandText += $" AND id IN ({string.Join(", ", ids.Select((_, i) => $"@id{i}"))})";
            for (var i = 0; i < ids.Length; i++)
            {
                command.Add($"@id{i}", ids[i]);
            }
        }

        command.CommandText += " ORDER BY id";
        // Only the named fields are turned into values (a related activity's parent, date and amount, not its body). Asking
        // the database for them instead (json_each + json_group_object in SQLite) measured no faster than reading the
        // document here: the parse is the cost either way, the values and their checks are what this saves.
        var fields = query.Fields is null ? null : new HashSet<string>(query.Fields, StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredRecord(ToRecord(query.Org, query.Entity, reader, fields), reader.GetInt64(4));
        }
    }

    // The stored form is {"field":{"o":"value","label":…}} for a choice and {"field":{"s":"text"}} for a text
    // (FieldValueJson), so a closed record is recognised without reading it into memory; a record without the field,
    // or with another type in it, is not excluded (the reader decides).
    private string Excluding(RecordExclusion exclude, DbCommand command)
    {
        Names.ValidateField("(query)", null, exclude.Field);
        var values = exclude.Values.Select(v => v.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var names = string.Join(", ", values.Select((_, i) => $"@x{i}"));
        for (var i = 0; i < values.Count; i++)
        {
            command.Add($"@x{i}", values[i]);
        }

        string value;
        if (database.Dialect == StoreDialect.Postgres)
        {
            value = "lower(coalesce(values_json::jsonb -> @xfield ->> 'o', btrim(values_json::jsonb -> @xfield ->> 's')))";
            command.Add("@xfield", exclude.Field);
        }
        else
        {
            value = "lower(coalesce(json_extract(values_json, @xo), trim(json_extract(values_json, @xs))))";
            command.Add("@xo", $"$.\"{exclude.Field}\".o");
            command.Add("@xs", $"$.\"{exclude.Field}\".s");
        }

        return $" AND ({value} IS NULL OR {value} NOT IN ({names}))";
    }

    // A lookup is stored as {"field":{"r":"id","e":"table"}} (FieldValueJson); ids are stored normalised.
    private string Referencing(RecordLookupFilter filter, DbCommand command)
    {
        Names.ValidateField("(query)", null, filter.Field);
        command.Add("@rfield", filter.Field.ToLowerInvariant());
        var ids = filter.Ids.Select(RecordId.Normalise).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            command.Add($"@r{i}", ids[i]);
        }

        var list = string.Join(", ", ids.Select((_, i) => $"@r{i}"));
        if (database.Dialect == StoreDialect.Postgres)
        {
            return $" AND EXISTS (SELECT 1 FROM jsonb_each(values_json::jsonb) WHERE lower(key) = @rfield AND value ->> 'r' IN ({list}))";
        }

        // SQLite scans the table: a plain substring search rejects most rows before json_each parses them (a record that
        // references an id holds it verbatim, since ids of these characters are never escaped in JSON); the profile of
        // one webhook showed json_each over every activity as its largest cost.
        var quick = ids.All(PlainId) ? $" AND ({string.Join(" OR ", ids.Select((_, i) => $"instr(values_json, @r{i}) > 0"))})" : string.Empty;
        return $"{quick} AND EXISTS (SELECT 1 FROM json_each(values_json) WHERE lower(key) = @rfield AND json_extract(value, '$.r') IN ({list}))";
    }

    private static bool PlainId(string id) => id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    public async Task<CrmRecord?> GetAsync(OrgId org, string entity, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, modified_on, deleted, values_json FROM records WHERE org = @org AND entity = @entity AND id = @id");
        command.Add("@org", org.Value);
        command.Add("@entity", entity);
        command.Add("@id", RecordId.Normalise(id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ToRecord(org, entity, reader) : null;
    }

    async Task<SyncCursor?> ICursorStore.GetAsync(OrgId org, string entity, string stream, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT value FROM cursors WHERE org = @org AND entity = @entity AND stream = @stream");
        command.Add("@org", org.Value);
        command.Add("@entity", entity);
        command.Add("@stream", stream);
        return await command.ExecuteScalarAsync(cancellationToken) is string value ? new SyncCursor(stream, value) : null;
    }

    public async Task ResetAsync(OrgId org, string entity, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM cursors WHERE org = @org AND entity = @entity");
        command.Add("@org", org.Value);
        command.Add("@entity", entity);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static CrmRecord ToRecord(OrgId org, string entity, DbDataReader reader, IReadOnlySet<string>? fields = null)
    {
        var id = reader.GetString(0);
        var modified = DbExtensions.FromStored(reader.GetString(1));
        return reader.GetInt64(2) != 0
            ? CrmRecord.Tombstone(org, entity, id, modified)
            : CrmRecord.Create(org, entity, id, modified, FieldValueJson.DeserializeValues(reader.GetString(3), fields));
    }

    private static async Task<long> NextVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "UPDATE store_meta SET value = value + 1 WHERE key = 'record_version' RETURNING value", transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record Row(string Id, string Modified, int Deleted, string Values);
}
