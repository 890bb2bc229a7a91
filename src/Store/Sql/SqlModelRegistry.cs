using System.Data.Common;
using System.Globalization;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Store.Sql;

/// <summary>The model registry: versions per org and name, at most one champion each.</summary>
internal sealed class SqlModelRegistry(StoreDatabase database) : IModelRegistry
{
    private const string Columns = "name, version, kind, status, status_reason, trained_at, row_count, mlnet_version, metrics_json";

    public async Task<RegisteredModel> RegisterAsync(RegisteredModel model, ReadOnlyMemory<byte> artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Names.ValidateEntity(model.Name.Replace('-', '_'));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockModelAsync(connection, transaction, model.Org, model.Name, cancellationToken);

        int version;
        await using (var next = connection.Command("SELECT COALESCE(MAX(version), 0) + 1 FROM models WHERE org = @org AND name = @name", transaction))
        {
            next.Add("@org", model.Org.Value);
            next.Add("@name", model.Name);
            version = Convert.ToInt32(await next.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        if (model.Status == ModelStatus.Champion)
        {
            await RetireChampionAsync(connection, transaction, model.Org, model.Name, cancellationToken);
        }

        await using (var insert = connection.Command($"""
            INSERT INTO models (org, {Columns}, artifact)
            VALUES (@org, @name, @version, @kind, @status, @reason, @trained, @rows, @mlnet, @metrics, @artifact)
            """, transaction))
        {
            insert.Add("@org", model.Org.Value);
            insert.Add("@name", model.Name);
            insert.Add("@version", version);
            insert.Add("@kind", model.Kind.ToString());
            insert.Add("@status", model.Status.ToString());
            insert.Add("@reason", model.StatusReason);
            insert.Add("@trained", model.TrainedAt.ToStored());
            insert.Add("@rows", model.Rows);
            insert.Add("@mlnet", model.MlNetVersion);
            insert.Add("@metrics", model.Metrics.ToJson());
            insert.Add("@artifact", artifact.ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return model with { Version = version };
    }

    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(OrgId org, string? name = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM models WHERE org = @org");
        command.Add("@org", org.Value);
        if (name is not null)
        {
            command.CommandText += " AND name = @name";
            command.Add("@name", name);
        }

        command.CommandText += " ORDER BY name, version DESC";
        var models = new List<RegisteredModel>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            models.Add(new RegisteredModel
            {
                Org = org,
                Name = reader.GetString(0),
                Version = reader.GetInt32(1),
                Kind = Enum.Parse<ModelKind>(reader.GetString(2)),
                Status = Enum.Parse<ModelStatus>(reader.GetString(3)),
                StatusReason = reader.GetNullableString(4),
                TrainedAt = DbExtensions.FromStored(reader.GetString(5)),
                Rows = reader.GetInt64(6),
                MlNetVersion = reader.GetString(7),
                Metrics = ModelMetrics.FromJson(reader.GetString(8)),
            });
        }

        return models;
    }

    public async Task PromoteAsync(OrgId org, string name, int version, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockModelAsync(connection, transaction, org, name, cancellationToken);
        await RetireChampionAsync(connection, transaction, org, name, cancellationToken);
        await using var promote = connection.Command(
            "UPDATE models SET status = @status, status_reason = @reason WHERE org = @org AND name = @name AND version = @version", transaction);
        promote.Add("@status", nameof(ModelStatus.Champion));
        promote.Add("@reason", reason);
        promote.Add("@org", org.Value);
        promote.Add("@name", name);
        promote.Add("@version", version);
        if (await promote.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Model '{name}' has no version {version} in org {org}.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<byte[]> ReadArtifactAsync(OrgId org, string name, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT artifact FROM models WHERE org = @org AND name = @name AND version = @version");
        command.Add("@org", org.Value);
        command.Add("@name", name);
        command.Add("@version", version);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[]
            ?? throw new InvalidOperationException($"Model '{name}' has no version {version} in org {org}.");
    }

    private static async Task RetireChampionAsync(DbConnection connection, DbTransaction transaction, OrgId org, string name, CancellationToken cancellationToken)
    {
        await using var retire = connection.Command(
            "UPDATE models SET status = @retired WHERE org = @org AND name = @name AND status = @champion", transaction);
        retire.Add("@retired", nameof(ModelStatus.Retired));
        retire.Add("@champion", nameof(ModelStatus.Champion));
        retire.Add("@org", org.Value);
        retire.Add("@name", name);
        await retire.ExecuteNonQueryAsync(cancellationToken);
    }

    // Serialises registry changes of one model across processes (PostgreSQL); SQLite writers are serialised anyway.
    private async Task LockModelAsync(DbConnection connection, DbTransaction transaction, OrgId org, string name, CancellationToken cancellationToken)
    {
        if (database.Dialect != StoreDialect.Postgres)
        {
            return;
        }

        await using var command = connection.Command("SELECT pg_advisory_xact_lock(hashtext(@key))", transaction);
        command.Add("@key", $"crmx.models/{org.Value}/{name}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
