using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>Data minimisation against the sandbox: a minimised read's SOQL leaves out the personal fields no spec names.</summary>
public sealed class MinimisationTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task MinimisedRead_LeavesOutNameEmailAndPhone_ButKeepsEverythingElse_AndWhatASpecNames()
    {
        using var everything = SalesforceConnector.Create(fixture.Options());
        var schema = (await everything.Source.DiscoverAsync()).Single(s => s.Name == "Lead");
        var personal = schema.Fields.Where(f => f.Type is FieldType.Text or FieldType.LongText && SyncColumns.IsPersonal("Lead", f.Name)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        personal.ShouldContain("Email");
        personal.ShouldContain("Name");

        var options = fixture.Options();
        options.MinimiseColumns = true;
        foreach (var field in SyncColumns.NamedBy([new ModelSpec { Name = "custom", Entity = "Lead", Features = ["Phone"] }]))
        {
            options.KeepFields.Add(field);
        }

        using var minimised = SalesforceConnector.Create(options);
        var all = Fields(Reads.Records((await Reads.AllAsync(everything.Source, "Lead", null)).Batches));
        var some = Fields(Reads.Records((await Reads.AllAsync(minimised.Source, "Lead", null)).Batches));

        all.Overlaps(personal).ShouldBeTrue("the sandbox's leads carry names and e-mail addresses");
        some.ShouldContain("Phone");
        some.ShouldBe(all.Except(personal.Except(["Phone"])).ToHashSet(), ignoreOrder: true);
    }

    private static HashSet<string> Fields(IEnumerable<CrmRecord> records) =>
        records.SelectMany(r => r.Values.Where(v => v.Value is not null).Select(v => v.Key)).ToHashSet(StringComparer.Ordinal);
}
