using CrmExtensions.Scoring.Drift;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store.Schema;
using CrmExtensions.Store.Sql;
using CrmExtensions.Testing.Builders;

namespace CrmExtensions.Store.Tests;

/// <summary>A store written by an older build opens in this one: later steps apply and nothing earlier is lost.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-migrate-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task Open_StoreAtVersion1_MigratesToLatestAndKeepsRecords()
    {
        var org = TestOrgs.Unique();
        Directory.CreateDirectory(_folder);
        await CreateVersion1StoreAsync(Path.Combine(_folder, "crmx.db"));
        await using (var v1 = await OpenAsync())
        {
            // Opening migrates; write a record and a drift row through the new build to prove both tables are there.
            v1.SchemaVersion.ShouldBe(SchemaMigrator.LatestVersion);
            await v1.Records.UpsertAsync(org, "lead", [new RecordBuilder(org, "lead", "a").Build()], null);
            await v1.Drift.SaveAsync(new DriftMeasurement(org, "lead-conversion", 1, null, DateTimeOffset.UnixEpoch, 1, [new FeatureDrift("x", 0.5, true)]));
        }

        await using var reopened = await OpenAsync();

        reopened.SchemaVersion.ShouldBe(SchemaMigrator.LatestVersion);
        (await reopened.Records.GetAsync(org, "lead", "a")).ShouldNotBeNull();
        (await reopened.Drift.ListAsync(org, "lead-conversion", 5)).Single().Features.Single().Field.ShouldBe("x");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task<CrmStore> OpenAsync() => CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });

    // Exactly what a build whose last step was version 1 left behind.
    private static async Task CreateVersion1StoreAsync(string path)
    {
        await using var database = StoreDatabase.ForSqlite(path);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var v1 = Migrations.All.Single(m => m.Version == 1);
        foreach (var sql in new[]
        {
            "CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)",
            SchemaMigrator.Render(v1.Sql, StoreDialect.Sqlite),
            "INSERT INTO schema_version (version, applied_at) VALUES (1, '2026-01-01T00:00:00.0000000+00:00')",
        })
        {
            await using var command = connection.Command(sql);
            await command.ExecuteNonQueryAsync();
        }
    }
}
