using System.Text.Json;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Tests;

public sealed class ModelsVerbTests : IDisposable
{
    private static readonly OrgId Org = OrgId.Parse("33333333-3333-3333-3333-333333333333");
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-models-").FullName;

    [Fact]
    public async Task PromoteThenRollback_ChangesTheChampionInTheStore()
    {
        await Seed();

        var promote = await Cli.Run("models", "promote", "--org", Org.Value, "--name", "lead-conversion", "--version", "2", "--data", _folder);
        var afterPromote = await Champion();
        var rollback = await Cli.Run("models", "rollback", "--org", Org.Value, "--name", "lead-conversion", "--data", _folder);
        var afterRollback = await Champion();

        promote.Code.ShouldBe(0, promote.Error);
        afterPromote.ShouldBe(2);
        rollback.Code.ShouldBe(0, rollback.Error);
        afterRollback.ShouldBe(1);
    }

    [Fact]
    public async Task ListJson_ShowsStatusAndReason()
    {
        await Seed();

        var (code, output, error) = await Cli.Run("models", "--org", Org.Value, "--data", _folder, "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        rows.Count.ShouldBe(2);
        rows.Single(r => r.GetProperty("version").GetInt32() == 2).GetProperty("reason").GetString().ShouldBe("AUC below 0.95 × champion");
    }

    [Fact]
    public async Task Promote_UnknownVersion_FailsWithReason()
    {
        await Seed();

        var (code, _, error) = await Cli.Run("models", "promote", "--org", Org.Value, "--name", "lead-conversion", "--version", "9", "--data", _folder);

        code.ShouldBe(1);
        error.ShouldContain("no version 9");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task Seed()
    {
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        await store.Models.RegisterAsync(Model(ModelStatus.Champion, "first"), new byte[] { 1 });
        await store.Models.RegisterAsync(Model(ModelStatus.Challenger, "AUC below 0.95 × champion"), new byte[] { 2 });
    }

    private async Task<int> Champion()
    {
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        return (await store.Models.ListAsync(Org, "lead-conversion")).Single(m => m.Status == ModelStatus.Champion).Version;
    }

    private static RegisteredModel Model(ModelStatus status, string reason) => new()
    {
        Org = Org,
        Name = "lead-conversion",
        Kind = ModelKind.Binary,
        Status = status,
        StatusReason = reason,
        TrainedAt = DateTimeOffset.UnixEpoch,
        Rows = 100,
        MlNetVersion = "5.0.1",
        Metrics = new ModelMetrics { Kind = ModelKind.Binary, Split = "test", TrainRows = 80, HoldoutRows = 20, Values = new Dictionary<string, double> { ["auc"] = 0.8 } },
    };
}
