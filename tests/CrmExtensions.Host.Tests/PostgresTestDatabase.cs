using Npgsql;

namespace CrmExtensions.Host.Tests;

/// <summary>A fresh database on the server named by <c>CRMX_TEST_POSTGRES</c>; skipped without it, failing under CI (as in the store tests).</summary>
internal static class PostgresTestDatabase
{
    public static string Create()
    {
        var server = Environment.GetEnvironmentVariable("CRMX_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CRMX_TEST_POSTGRES is not set under CI: the PostgreSQL suite must run there.");
            }

            Skip.If(true, "CRMX_TEST_POSTGRES is not set.");
        }

        var builder = new NpgsqlConnectionStringBuilder(server);
        var name = "crmx_host_test_" + Guid.NewGuid().ToString("n");
        using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }
}
