using System.Text.Json;
using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Store.Sql;

/// <summary>A row per scoring run's drift measurement, its features as JSON (field, PSI, drifted).</summary>
internal sealed class SqlDriftStore(StoreDatabase database) : IDriftStore
{
    public async Task SaveAsync(DriftMeasurement measurement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO drift (id, org, model, model_version, run_id, measured_at, row_count, features_json)
            VALUES (@id, @org, @model, @version, @run, @at, @rows, @features)
            """);
        command.Add("@id", Guid.NewGuid().ToString("n"));
        command.Add("@org", measurement.Org.Value);
        command.Add("@model", measurement.Model);
        command.Add("@version", measurement.Version);
        command.Add("@run", measurement.RunId);
        command.Add("@at", measurement.MeasuredAt.ToStored());
        command.Add("@rows", measurement.Rows);
        command.Add("@features", JsonSerializer.Serialize(measurement.Features));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DriftMeasurement>> ListAsync(OrgId org, string model, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT model_version, run_id, measured_at, row_count, features_json FROM drift
            WHERE org = @org AND model = @model ORDER BY measured_at DESC, id LIMIT @limit
            """);
        command.Add("@org", org.Value);
        command.Add("@model", model);
        command.Add("@limit", limit);
        var list = new List<DriftMeasurement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DriftMeasurement(
                org,
                model,
                reader.GetInt32(0),
                reader.GetNullableString(1),
                DbExtensions.FromStored(reader.GetString(2)),
                reader.GetInt64(3),
                JsonSerializer.Deserialize<List<FeatureDrift>>(reader.GetString(4)) ?? []));
        }

        return list;
    }
}
