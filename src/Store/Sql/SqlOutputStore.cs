using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store.Serialization;

namespace CrmExtensions.Store.Sql;

/// <summary>Current outputs, their history, and the values last written to the CRM.</summary>
internal sealed class SqlOutputStore(StoreDatabase database) : IOutputStore
{
    // Set-based: per chunk, one statement appends the values that differ from the stored ones (or are new) to the
    // history, and one upserts them all — two statements per chunk instead of three per output. SQLite reads the
    // chunk from one JSON parameter (json_each), PostgreSQL from array parameters (unnest).
    private const int ChunkSize = 5_000;

    private const string HistorySql = """
        INSERT INTO output_history (org, tbl, record_id, field, value_json, model, model_version, produced_at)
        SELECT @org, s.tbl, s.record_id, s.field, s.value_json, s.model, s.model_version, s.produced_at
        FROM ({source}) AS s
        LEFT JOIN outputs o ON o.org = @org AND o.tbl = s.tbl AND o.record_id = s.record_id AND o.field = s.field
        WHERE o.record_id IS NULL OR o.value_json {distinct} s.value_json
        """;

    // "WHERE true" keeps SQLite's parser from reading ON CONFLICT as a join constraint of the SELECT.
    private const string UpsertSql = """
        INSERT INTO outputs (org, tbl, record_id, field, value_json, model, model_version, produced_at)
        SELECT @org, s.tbl, s.record_id, s.field, s.value_json, s.model, s.model_version, s.produced_at
        FROM ({source}) AS s WHERE true
        ON CONFLICT (org, tbl, record_id, field) DO UPDATE SET
            value_json = excluded.value_json, model = excluded.model,
            model_version = excluded.model_version, produced_at = excluded.produced_at
        """;

    private const string SqliteSource = """
        SELECT json_extract(value, '$[0]') AS tbl, json_extract(value, '$[1]') AS record_id, json_extract(value, '$[2]') AS field,
               json_extract(value, '$[3]') AS value_json, json_extract(value, '$[4]') AS model,
               json_extract(value, '$[5]') AS model_version, json_extract(value, '$[6]') AS produced_at
        FROM json_each(@rows)
        """;

    private const string PostgresSource = """
        SELECT * FROM unnest(@tbls, @ids, @fields, @values, @models, @versions, @ats)
            AS u(tbl, record_id, field, value_json, model, model_version, produced_at)
        """;

    public async Task<int> SaveAsync(OrgId org, IReadOnlyCollection<OutputValue> outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var rows = Prepare(outputs);
        if (rows.Count == 0)
        {
            return 0;
        }

        var postgres = database.Dialect == StoreDialect.Postgres;
        var source = postgres ? PostgresSource : SqliteSource;
        var historySql = HistorySql.Replace("{source}", source, StringComparison.Ordinal)
            .Replace("{distinct}", postgres ? "IS DISTINCT FROM" : "IS NOT", StringComparison.Ordinal);
        var upsertSql = UpsertSql.Replace("{source}", source, StringComparison.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = 0;
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            // History first: it compares with the values stored before this save.
            var rowsJson = postgres ? null : JsonSerializer.Serialize(chunk.Select(r => new object?[] { r.Table, r.Id, r.Field, r.Json, r.Model, r.ModelVersion, r.ProducedAt }));
            await using (var history = connection.Command(historySql, transaction))
            {
                Bind(history, org, chunk, rowsJson);
                changed += await history.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var upsert = connection.Command(upsertSql, transaction);
            Bind(upsert, org, chunk, rowsJson);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    // Checks every output before anything is written; when one record field appears twice in a batch, the later
    // value is the one saved (one statement cannot touch a row twice).
    private static List<Row> Prepare(IReadOnlyCollection<OutputValue> outputs)
    {
        var rows = new List<Row>(outputs.Count);
        var positions = new Dictionary<(string Table, string Id, string Field), int>(outputs.Count);
        foreach (var output in outputs)
        {
            Names.ValidateEntity(output.Table);
            var id = RecordId.Validate(output.Table, output.RecordId);
            Names.ValidateField(output.Table, id, output.Field);
            output.Value?.ValidateFor(output.Table, id, output.Field);
            var row = new Row(output.Table, id, output.Field, FieldValueJson.Serialize(output.Value), output.Model, output.ModelVersion, output.ProducedAt.ToStored());
            if (positions.TryGetValue((row.Table, row.Id, row.Field), out var at))
            {
                rows[at] = row;
            }
            else
            {
                positions[(row.Table, row.Id, row.Field)] = rows.Count;
                rows.Add(row);
            }
        }

        return rows;
    }

    // SQLite gets the chunk as one JSON array of row arrays; PostgreSQL (rowsJson null) one array per column.
    private static void Bind(DbCommand command, OrgId org, Row[] chunk, string? rowsJson)
    {
        command.Add("@org", org.Value);
        if (rowsJson is null)
        {
            command.Add("@tbls", chunk.Select(r => r.Table).ToArray());
            command.Add("@ids", chunk.Select(r => r.Id).ToArray());
            command.Add("@fields", chunk.Select(r => r.Field).ToArray());
            command.Add("@values", chunk.Select(r => r.Json).ToArray());
            command.Add("@models", chunk.Select(r => r.Model).ToArray());
            command.Add("@versions", chunk.Select(r => r.ModelVersion).ToArray());
            command.Add("@ats", chunk.Select(r => r.ProducedAt).ToArray());
        }
        else
        {
            command.Add("@rows", rowsJson);
        }
    }

    private sealed record Row(string Table, string Id, string Field, string? Json, string Model, int ModelVersion, string ProducedAt);

    public IAsyncEnumerable<OutputState> ReadAsync(OrgId org, string table, CancellationToken cancellationToken = default) =>
        ReadRangeAsync(org, table, null, cancellationToken);

    // Named records are read by key (the primary key starts with org, tbl, record_id), a chunk at a time in id order.
    public async IAsyncEnumerable<OutputState> ReadAsync(
        OrgId org, string table, IReadOnlyCollection<string> recordIds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var ids = recordIds.Select(RecordId.Normalise).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var chunk in ids.Chunk(500))
        {
            await foreach (var state in ReadRangeAsync(org, table, chunk, cancellationToken))
            {
                yield return state;
            }
        }
    }

    private async IAsyncEnumerable<OutputState> ReadRangeAsync(OrgId org, string table, string[]? ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT record_id, field, value_json, model, model_version, produced_at, written_json, written_at
            FROM outputs WHERE org = @org AND tbl = @tbl
            """);
        command.Add("@org", org.Value);
        command.Add("@tbl", table);
        if (ids is not null)
        {
            command.CommandText += $" AND record_id IN ({string.Join(", ", ids.Select((_, i) => $"@id{i}"))})";
            for (var i = 0; i < ids.Length; i++)
            {
                command.Add($"@id{i}", ids[i]);
            }
        }

        command.CommandText += " ORDER BY record_id, field";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var writtenAt = reader.GetNullableString(7);
            yield return new OutputState(
                table,
                reader.GetString(0),
                reader.GetString(1),
                FieldValueJson.Deserialize(reader.GetNullableString(2)),
                reader.GetString(3),
                reader.GetInt32(4),
                DbExtensions.FromStored(reader.GetString(5)),
                FieldValueJson.Deserialize(reader.GetNullableString(6)),
                writtenAt is null ? null : DbExtensions.FromStored(writtenAt));
        }
    }

    public async Task MarkWrittenAsync(OrgId org, IReadOnlyCollection<WrittenValue> written, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(written);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE outputs SET written_json = @value, written_at = @at
            WHERE org = @org AND tbl = @tbl AND record_id = @id AND field = @field
            """, transaction);
        command.Add("@org", org.Value);
        var pTable = command.Add("@tbl", string.Empty);
        var pId = command.Add("@id", string.Empty);
        var pField = command.Add("@field", string.Empty);
        var pValue = command.Add("@value", null);
        var pAt = command.Add("@at", string.Empty);
        foreach (var value in written)
        {
            var id = RecordId.Normalise(value.RecordId);
            pTable.Value = value.Table;
            pId.Value = id;
            pField.Value = value.Field;
            pValue.Value = (object?)FieldValueJson.Serialize(value.Value) ?? DBNull.Value;
            pAt.Value = value.WrittenAt.ToStored();
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new InvalidOperationException(
                    $"record {value.Table}/{id}, field '{value.Field}': marked as written but no output of ours is stored for it");
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutputValue>> ReadHistoryAsync(OrgId org, string table, string recordId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT field, value_json, model, model_version, produced_at FROM output_history
            WHERE org = @org AND tbl = @tbl AND record_id = @id ORDER BY produced_at, field
            """);
        command.Add("@org", org.Value);
        command.Add("@tbl", table);
        command.Add("@id", RecordId.Normalise(recordId));
        var history = new List<OutputValue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(new OutputValue(
                table,
                RecordId.Normalise(recordId),
                reader.GetString(0),
                FieldValueJson.Deserialize(reader.GetNullableString(1)),
                reader.GetString(2),
                reader.GetInt32(3),
                DbExtensions.FromStored(reader.GetString(4))));
        }

        return history;
    }
}
