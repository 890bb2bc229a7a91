using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Sandbox;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>Data minimisation against the sandbox: a minimised read selects, and stores, no personal or secured column a spec does not name.</summary>
public sealed class MinimisationTests
{
    [Fact]
    public async Task MinimisedRead_SelectsEveryColumnButPersonalAndSecured_FromTheFirstPageToTheDelta()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 150, Seed = 8 });
        var schema = await SchemaAsync(sandbox);
        var dropped = schema.Fields.Where(f => f.Secured || (f.Type is FieldType.Text or FieldType.LongText && SyncColumns.IsPersonal("lead", f.Name))).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        dropped.ShouldContain("emailaddress1");
        dropped.ShouldContain("firstname");

        var everything = await ReadAsync(sandbox, minimise: false);
        var minimised = await ReadAsync(sandbox, minimise: true);

        // Counted on the wire: the $select of the first request names every column but the dropped ones (plus the key).
        var select = minimised.Urls.First(u => u.Contains("/leads?", StringComparison.Ordinal) && u.Contains("$select=", StringComparison.Ordinal));
        var selected = Uri.UnescapeDataString(select).Split("$select=")[1].Split('&')[0].Split(',');
        selected.Length.ShouldBe(schema.Fields.Count - dropped.Count + (schema.Fields.Any(f => f.Name == "leadid") ? 0 : 1));
        everything.Urls.ShouldNotContain(u => u.Contains("/leads", StringComparison.Ordinal) && u.Contains("$select=", StringComparison.Ordinal));

        // Counted in the records: the same columns arrive as before, minus the dropped ones — on full pages and deltas alike.
        var fieldsEverything = Fields(everything.Records);
        var fieldsMinimised = Fields(minimised.Records);
        fieldsEverything.Overlaps(dropped).ShouldBeTrue("the sandbox's leads carry names and e-mail addresses");
        fieldsMinimised.Overlaps(dropped).ShouldBeFalse();
        fieldsMinimised.ShouldBe(fieldsEverything.Except(dropped).ToHashSet(), ignoreOrder: true);
        minimised.Records.Count.ShouldBe(everything.Records.Count);
        Fields(minimised.Delta).Overlaps(dropped).ShouldBeFalse();
        minimised.Delta.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task MinimisedRead_KeepsAPersonalColumnASpecNames()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 60, Seed = 8 });
        var spec = new ModelSpec { Name = "custom", Entity = "lead", Features = ["emailaddress1", "leadsourcecode"] };
        var options = CrmTruth.Options(sandbox);
        options.MinimiseColumns = true;
        foreach (var column in SyncColumns.NamedBy([spec]))
        {
            options.KeepColumns.Add(column);
        }

        using var connector = DataverseConnector.Create(options);
        var (batches, _) = await Reads.AllAsync(connector.Source, "lead", null);

        var fields = Fields([.. Reads.Records(batches)]);
        fields.ShouldContain("emailaddress1");
        fields.ShouldNotContain("firstname");
    }

    [Fact]
    public async Task MinimisedLookup_ImagesAndReadsById_LeaveOutWhatAMinimisedReadLeavesOut()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 60, Seed = 8 });
        using var truth = new CrmTruth(sandbox);
        var id = (await truth.LeadsAsync()).Keys.Order(StringComparer.Ordinal).First();
        var row = await truth.LeadAsync(id);

        async Task<(CrmRecord? Carried, CrmRecord Read)> LookupAsync(bool minimise)
        {
            var options = CrmTruth.Options(sandbox);
            options.MinimiseColumns = minimise;
            using var connector = DataverseConnector.Create(options);
            var lookup = (IRecordLookup)connector.Source;
            return (await lookup.MapCarriedAsync("lead", id, row), (await lookup.ReadByIdsAsync("lead", [id])).Single());
        }

        var everything = await LookupAsync(minimise: false);
        var minimised = await LookupAsync(minimise: true);

        // An image carries every column; the minimised connector drops the personal ones from it, as from a read by id.
        everything.Carried.ShouldNotBeNull().Values.Keys.ShouldContain("firstname");
        everything.Read.Values.Keys.ShouldContain("firstname");
        minimised.Carried.ShouldNotBeNull().Values.Keys.ShouldNotContain("firstname");
        minimised.Carried!.Values.Keys.ShouldNotContain("emailaddress1");
        minimised.Read.Values.Keys.ShouldNotContain("firstname");
        minimised.Read.Values.Keys.ShouldNotContain("emailaddress1");
    }

    private static async Task<EntitySchema> SchemaAsync(RunningSandbox sandbox)
    {
        using var connector = DataverseConnector.Create(CrmTruth.Options(sandbox));
        return (await connector.Source.DiscoverAsync()).Single(s => s.Name == "lead");
    }

    private static async Task<(List<CrmRecord> Records, List<CrmRecord> Delta, List<string> Urls)> ReadAsync(RunningSandbox sandbox, bool minimise)
    {
        var recording = new RecordingHandler();
        var options = CrmTruth.Options(sandbox, pageSize: 50);
        options.MinimiseColumns = minimise;
        using var connector = DataverseConnector.Create(options, recording);
        var (batches, cursor) = await Reads.AllAsync(connector.Source, "lead", null);
        if (!minimise)
        {
            return ([.. Reads.Records(batches)], [], [.. recording.Urls]);
        }

        await sandbox.SimulateAsync(sandbox.Orgs[0].Key, 40);
        var (delta, _) = await Reads.AllAsync(connector.Source, "lead", cursor);
        return ([.. Reads.Records(batches)], [.. Reads.Records(delta).Where(r => !r.Deleted)], [.. recording.Urls]);
    }

    private static HashSet<string> Fields(List<CrmRecord> records) =>
        records.SelectMany(r => r.Values.Where(v => v.Value is not null).Select(v => v.Key)).ToHashSet(StringComparer.Ordinal);
}
