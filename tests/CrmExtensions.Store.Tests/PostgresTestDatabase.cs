using Npgsql;

namespace CrmExtensions.Store.Tests;

/// <summary>Creates one fresh database per test run on the server named by <c>CRMX_TEST_POSTGRES</c>.</summary>
internal static class PostgresTestDatabase
{
    private static readonly Lazy<string> Database = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString()
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

        return Database.Value;
    }

    private static string Create()
    {
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("CRMX_TEST_POSTGRES"));
        var name = "crmx_test_" + Guid.NewGuid().ToString("n");
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        server.Database = name;
        return server.ConnectionString;
    }
}
