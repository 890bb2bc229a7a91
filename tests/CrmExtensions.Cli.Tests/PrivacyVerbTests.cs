using System.Text.Json;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Cli.Tests;

public sealed class PrivacyVerbTests : IDisposable
{
    private static readonly OrgId Org = OrgId.Parse("44444444-4444-4444-4444-444444444444");
    private static readonly string Contact = "6F1C0C5E-1111-4222-8333-944444444444";
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-privacy-").FullName;

    [Fact]
    public async Task Forget_UpperCaseGuid_RemovesTheRecordAndItsOutputsAndReportsThem()
    {
        await using (var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder }))
        {
            var now = DateTimeOffset.UtcNow;
            await store.Records.UpsertAsync(Org, "contact", [CrmRecord.Create(Org, "contact", Contact, now, [new("fullname", new TextValue("Ada Lovelace"))])], null);
            await store.Outputs.SaveAsync(Org, [new OutputValue("contact", Contact.ToLowerInvariant(), "crmx_segmentname", new TextValue("Champions"), "customer-segment", 1, now)]);
        }

        var (code, output, error) = await Cli.Run("forget", "--org", Org.Value, "--entity", "contact", "--id", Contact, "--data", _folder, "--json");

        code.ShouldBe(0, error);
        var report = JsonDocument.Parse(output).RootElement.EnumerateArray().Single();
        report.GetProperty("records").GetInt64().ShouldBe(1);
        report.GetProperty("outputs").GetInt64().ShouldBe(1);
        output.ShouldNotContain("Ada");
        await using var reopened = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        (await reopened.Records.GetAsync(Org, "contact", Contact)).ShouldBeNull();
        (await reopened.Privacy.IsForgottenAsync(Org, "contact", Contact)).ShouldBeTrue();
    }

    [Fact]
    public async Task Forget_BadOrg_IsAUsageError()
    {
        var (code, _, error) = await Cli.Run("forget", "--org", "not an org!", "--entity", "contact", "--id", Contact, "--data", _folder);

        code.ShouldBe(2);
        error.ShouldContain("--org");
    }

    [Fact]
    public async Task Retention_BadSetting_NamesIt()
    {
        Environment.SetEnvironmentVariable("CRMX_Crmx__Retention__JobRunDays", "0");
        try
        {
            var (code, _, error) = await Cli.Run("retention", "--org", Org.Value, "--data", _folder);

            code.ShouldBe(2);
            error.ShouldContain("Crmx:Retention:JobRunDays");
        }
        finally
        {
            Environment.SetEnvironmentVariable("CRMX_Crmx__Retention__JobRunDays", null);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
