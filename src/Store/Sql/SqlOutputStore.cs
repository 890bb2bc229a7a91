using System.Data.Common;
using System.Runtime.CompilerServices;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store.Serialization;

namespace CrmExtensions.Store.Sql;

/// <summary>Current outputs, their history, and the values last written to the CRM.</summary>
internal sealed class SqlOutputStore(StoreDatabase database) : IOutputStore
{
    public async Task<int> SaveAsync(OrgId org, IReadOnlyCollection<OutputValue> outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var read = connection.Command(
            "SELECT value_json FROM outputs WHERE org = @org AND tbl = @tbl AND record_id = @id AND field = @field", transaction);
        var rOrg = read.Add("@org", org.Value);
        var rTable = read.Add("@tbl", string.Empty);
        var rId = read.Add("@id", string.Empty);
        var rField = read.Add("@field", string.Empty);

        await using var upsert = connection.Command("""
            INSERT INTO outputs (org, tbl, record_id, field, value_json, model, model_version, produced_at)
            VALUES (@org, @tbl, @id, @field, @value, @model, @mv, @at)
            ON CONFLICT (org, tbl, record_id, field) DO UPDATE SET
                value_json = excluded.value_json, model = excluded.model,
                model_version = excluded.model_version, produced_at = excluded.produced_at
            """, transaction);
        await using var history = connection.Command("""
            INSERT INTO output_history (org, tbl, record_id, field, value_json, model, model_version, produced_at)
            VALUES (@org, @tbl, @id, @field, @value, @model, @mv, @at)
            """, transaction);

        var changed = 0;
        foreach (var output in outputs)
        {
            Names.ValidateEntity(output.Table);
            var id = RecordId.Validate(output.Table, output.RecordId);
            Names.ValidateField(output.Table, id, output.Field);
            output.Value?.ValidateFor(output.Table, id, output.Field);
            var json = FieldValueJson.Serialize(output.Value);

            rTable.Value = output.Table;
            rId.Value = id;
            rField.Value = output.Field;
            var previous = await read.ExecuteScalarAsync(cancellationToken);
            var isChange = previous is null || (previous as string) != json;

            await Execute(upsert, org, output, id, json, cancellationToken);
            if (isChange)
            {
                // History holds each distinct value once, not every rescoring that produced the same value.
                await Execute(history, org, output, id, json, cancellationToken);
                changed++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task Execute(DbCommand command, OrgId org, OutputValue output, string id, string? json, CancellationToken cancellationToken)
    {
        command.Parameters.Clear();
        command.Add("@org", org.Value);
        command.Add("@tbl", output.Table);
        command.Add("@id", id);
        command.Add("@field", output.Field);
        command.Add("@value", json);
        command.Add("@model", output.Model);
        command.Add("@mv", output.ModelVersion);
        command.Add("@at", output.ProducedAt.ToStored());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async IAsyncEnumerable<OutputState> ReadAsync(OrgId org, string table, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT record_id, field, value_json, model, model_version, produced_at, written_json, written_at
            FROM outputs WHERE org = @org AND tbl = @tbl ORDER BY record_id, field
            """);
        command.Add("@org", org.Value);
        command.Add("@tbl", table);
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
