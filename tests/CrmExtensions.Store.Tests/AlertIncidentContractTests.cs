using CrmExtensions.Testing.Builders;

namespace CrmExtensions.Store.Tests;

/// <summary>Schema v6: open alert incidents, shared by every process of an installation, on both providers.</summary>
public abstract class AlertIncidentContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(4);

    private CrmStore? _store;

    protected CrmStore Store => _store ?? throw new InvalidOperationException("Store not open.");

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected abstract Task<CrmStore> OpenStoreAsync();

    [SkippableFact]
    public async Task Claim_NewThenRepeatedThenAfterTheWindow_SendsFirstAndAfterWindowWithTheHeldBackCount()
    {
        var org = TestOrgs.Unique().Value;

        (await Store.AlertIncidents.ClaimAsync("jobFailed", org, "sync:lead", T0, Window)).ShouldBe(0);
        (await Store.AlertIncidents.ClaimAsync("jobFailed", org, "sync:lead", T0.AddMinutes(1), Window)).ShouldBeNull();
        (await Store.AlertIncidents.ClaimAsync("jobFailed", org, "sync:lead", T0.AddMinutes(2), Window)).ShouldBeNull();
        (await Store.AlertIncidents.ClaimAsync("jobFailed", org, "sync:lead", T0.AddHours(4), Window)).ShouldBe(2);
        (await Store.AlertIncidents.ClaimAsync("jobFailed", org, "sync:lead", T0.AddHours(4).AddMinutes(1), Window)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Close_OpenIncident_TrueOnceAndTheNextClaimSendsAtOnce()
    {
        var org = TestOrgs.Unique().Value;
        await Store.AlertIncidents.ClaimAsync("drift", org, "model lead", T0, Window);

        (await Store.AlertIncidents.CloseAsync("drift", org, "model lead")).ShouldBeTrue();
        (await Store.AlertIncidents.CloseAsync("drift", org, "model lead")).ShouldBeFalse();
        (await Store.AlertIncidents.ClaimAsync("drift", org, "model lead", T0.AddMinutes(1), Window)).ShouldBe(0);
    }

    [SkippableFact]
    public async Task Claim_KindOrgAndSubject_AreSeparateIncidents()
    {
        var org = TestOrgs.Unique().Value;
        (await Store.AlertIncidents.ClaimAsync("jobFailed", org, "sync:lead", T0, Window)).ShouldBe(0);
        (await Store.AlertIncidents.ClaimAsync("partialRun", org, "sync:lead", T0, Window)).ShouldBe(0);
        (await Store.AlertIncidents.ClaimAsync("jobFailed", org, "sync:contact", T0, Window)).ShouldBe(0);
        (await Store.AlertIncidents.ClaimAsync("jobFailed", TestOrgs.Unique().Value, "sync:lead", T0, Window)).ShouldBe(0);
    }

    [SkippableFact]
    public async Task Claim_ManyProcessesAtOnce_ExactlyOneSendsANewIncident_AndExactlyOneARepeatAfterTheWindow()
    {
        var org = TestOrgs.Unique().Value;

        var first = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.AlertIncidents.ClaimAsync("jobFailed", org, "train:lead", T0, Window))));
        var later = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.AlertIncidents.ClaimAsync("jobFailed", org, "train:lead", T0.AddHours(5), Window))));

        first.Count(sent => sent is not null).ShouldBe(1);
        later.Count(sent => sent is not null).ShouldBe(1);
        later.Single(sent => sent is not null).ShouldBe(7);
    }

    [SkippableFact]
    public async Task Claim_NewIncident_ForgetsIncidentsNotRaisedForAWeek()
    {
        var org = TestOrgs.Unique().Value;
        await Store.AlertIncidents.ClaimAsync("unknownOrg", org, "dataverse", T0, Window);

        await Store.AlertIncidents.ClaimAsync("jobFailed", org, "sync:lead", T0.AddDays(8), Window);

        // Forgotten: closing it finds nothing (and its resolution would not be told).
        (await Store.AlertIncidents.CloseAsync("unknownOrg", org, "dataverse")).ShouldBeFalse();
        (await Store.AlertIncidents.CloseAsync("jobFailed", org, "sync:lead")).ShouldBeTrue();
    }
}

public sealed class SqliteAlertIncidentTests : AlertIncidentContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmx-alerts-" + Guid.NewGuid().ToString("n"));

    protected override Task<CrmStore> OpenStoreAsync() => CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

public sealed class PostgresAlertIncidentTests : AlertIncidentContractTests
{
    protected override Task<CrmStore> OpenStoreAsync() => CrmStore.OpenAsync(new StoreOptions { ConnectionString = PostgresTestDatabase.ConnectionString() });
}
