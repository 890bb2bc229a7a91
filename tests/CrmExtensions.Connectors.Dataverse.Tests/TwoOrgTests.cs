using CrmExtensions.Connectors.Common.Sync;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;
using CrmExtensions.Store;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>Copies of an org keep record ids (ARCHITECTURE.md "Org identity everywhere"): two orgs synced into one store stay apart.</summary>
public sealed class TwoOrgTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmx-dv-").FullName;

    [Fact]
    public async Task Sync_TwoOrgsWithOverlappingIds_StoresEachOrgAsItsCrmHoldsIt()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 200, Seed = 4, Orgs = 2 });
        await using var store = await CrmStore.OpenAsync(new StoreOptions { DataFolder = _folder });
        var runner = new SyncRunner(store.Records, store.Cursors);
        var stored = new List<Dictionary<string, CrmRecord>>();
        var truths = new List<IReadOnlyDictionary<string, DateTimeOffset>>();
        var orgs = new List<OrgId>();
        for (var i = 0; i < 2; i++)
        {
            using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox, org: i, pageSize: 80));
            using var truth = new CrmTruth(sandbox, i);
            var org = (await connector.Source.CheckAsync()).Org!.Value;
            var result = await runner.RunAsync(org, connector.Source, "lead", full: false);
            result.Error.ShouldBeNull();
            orgs.Add(org);
            truths.Add(await truth.LeadsAsync());
        }

        foreach (var org in orgs)
        {
            var records = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);
            await foreach (var r in store.Records.ReadAsync(new RecordQuery(org, "lead")))
            {
                records.Add(r.Record.Id, r.Record);
            }

            stored.Add(records);
        }

        orgs[0].ShouldNotBe(orgs[1]);
        orgs[0].Value.ShouldBe(sandbox.Orgs[0].OrganizationId.ToString("d"));
        for (var i = 0; i < 2; i++)
        {
            stored[i].ToDictionary(r => r.Key, r => r.Value.ModifiedOn).ShouldBe(truths[i], ignoreOrder: true);
            stored[i].Values.ShouldAllBe(r => r.Org == orgs[i]);
        }

        var shared = stored[0].Keys.Intersect(stored[1].Keys).ToList();
        shared.Count.ShouldBeGreaterThan(0, "org2 is a copy of org1, so ids overlap");
        shared.ShouldContain(id => stored[0][id].Values.Count(v => !Equals(v.Value, stored[1][id][v.Key])) > 0, "the drifted copy differs somewhere");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
