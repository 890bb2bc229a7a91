using System.Data.Common;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store.Serialization;

namespace CrmExtensions.Store.Sql;

/// <summary>Erasure and retention over the same tables the other stores use.</summary>
internal sealed class SqlPrivacyStore(StoreDatabase database) : IPrivacyStore
{
    private static readonly string NoValues = FieldValueJson.SerializeValues(new Dictionary<string, FieldValue?>());

    public async Task<ForgetReport> ForgetAsync(OrgId org, string entity, string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Names.ValidateEntity(entity);
        id = RecordId.Validate(entity, id);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var remember = connection.Command(
            "INSERT INTO forgotten (org, entity, id, forgotten_at) VALUES (@org, @entity, @id, @at) ON CONFLICT (org, entity, id) DO NOTHING", transaction))
        {
            Key(remember, org, entity, id);
            remember.Add("@at", at.ToStored());
            await remember.ExecuteNonQueryAsync(cancellationToken);
        }

        var records = await DeleteAsync(connection, transaction, "DELETE FROM records WHERE org = @org AND entity = @entity AND id = @id", org, entity, id, cancellationToken);
        var outputs = await DeleteAsync(connection, transaction, "DELETE FROM outputs WHERE org = @org AND tbl = @entity AND record_id = @id", org, entity, id, cancellationToken);
        var history = await DeleteAsync(connection, transaction, "DELETE FROM output_history WHERE org = @org AND tbl = @entity AND record_id = @id", org, entity, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ForgetReport(records, outputs, history);
    }

    public async Task<bool> IsForgottenAsync(OrgId org, string entity, string id, CancellationToken cancellationToken = default)
    {
        id = RecordId.Validate(entity, id);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*) FROM forgotten WHERE org = @org AND entity = @entity AND id = @id");
        Key(command, org, entity, id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public async Task<RetentionReport> PurgeAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        async Task<long> Run(string sql, int days, string? values = null)
        {
            await using var command = connection.Command(sql, transaction);
            command.Add("@cut", now.AddDays(-days).ToStored());
            if (values is not null)
            {
                command.Add("@none", values);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var report = new RetentionReport(
            await Run("UPDATE records SET values_json = @none WHERE deleted = 1 AND modified_on < @cut AND values_json <> @none", policy.TombstoneValuesDays, NoValues),
            await Run("DELETE FROM output_history WHERE produced_at < @cut", policy.ScoreHistoryDays),
            await Run("DELETE FROM job_runs WHERE started_at < @cut AND status <> 'Running'", policy.JobRunDays),
            await Run("DELETE FROM drift WHERE measured_at < @cut", policy.DriftDays),
            await Run("DELETE FROM models WHERE status = 'Retired' AND trained_at < @cut", policy.RetiredModelDays));
        await transaction.CommitAsync(cancellationToken);
        return report;
    }

    private static async Task<long> DeleteAsync(DbConnection connection, DbTransaction transaction, string sql, OrgId org, string entity, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, transaction);
        Key(command, org, entity, id);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Key(DbCommand command, OrgId org, string entity, string id)
    {
        command.Add("@org", org.Value);
        command.Add("@entity", entity);
        command.Add("@id", id);
    }
}
