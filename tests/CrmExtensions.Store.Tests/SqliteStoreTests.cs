namespace CrmExtensions.Store.Tests;

public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-store-" + Guid.NewGuid().ToString("n"));

    protected override Task<CrmStore> OpenStoreAsync() => CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });

    [SkippableFact]
    public void Open_NewDataFolder_IsOwnerOnly()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes only.");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.GetUnixFileMode(_folder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(_folder, "crmx.db")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Open_Twice_KeepsDataAndSchemaVersion()
    {
        var org = Testing.Builders.TestOrgs.Unique();
        await Store.Records.UpsertAsync(org, "lead", [new Testing.Builders.RecordBuilder(org, "lead", "x").Build()], null);

        await using var reopened = await OpenStoreAsync();

        reopened.SchemaVersion.ShouldBe(Store.SchemaVersion);
        (await reopened.Records.GetAsync(org, "lead", "x")).ShouldNotBeNull();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
