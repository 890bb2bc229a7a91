namespace CrmExtensions.Store.Tests;

/// <summary>
/// The store contract against a real PostgreSQL server named by <c>CRMX_TEST_POSTGRES</c> (a connection string);
/// skipped where it is not set, and failing under CI when it is missing, so CI cannot pass without running it.
/// </summary>
public sealed class PostgresStoreTests : StoreContractTests
{
    protected override async Task<CrmStore> OpenStoreAsync()
    {
        var connectionString = PostgresTestDatabase.ConnectionString();
        return await CrmStore.OpenAsync(new StoreOptions { ConnectionString = connectionString });
    }
}
