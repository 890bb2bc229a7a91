using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>Discovery types and value mapping (issue #7 "Discover" and "Read").</summary>
public sealed class MappingTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Discover_Lead_MapsTypesTargetsAndSecurity()
    {
        using var connector = DataverseConnector.Create(Options("lead", "account", "contact"));

        var schema = await connector.Source.DiscoverAsync();

        var lead = schema.Single(e => e.Name == "lead");
        lead.ChangeTracking.ShouldBeTrue();
        Field(lead, "revenue").Type.ShouldBe(FieldType.Money);
        lead.Fields.ShouldNotContain(f => f.Name == "revenue_base", "a _base twin is part of the money value");
        lead.Fields.ShouldNotContain(f => f.Name == "leadid", "the key is the record id");
        Field(lead, "leadsourcecode").Type.ShouldBe(FieldType.Option);
        Field(lead, "statecode").Type.ShouldBe(FieldType.Option);
        Field(lead, "parentaccountid").Type.ShouldBe(FieldType.Lookup);
        Field(lead, "parentaccountid").Target.ShouldBe("account");
        Field(lead, "modifiedon").Type.ShouldBe(FieldType.DateTime);
        Field(lead, "numberofemployees").Type.ShouldBe(FieldType.Number);
        Field(lead, "subject").Type.ShouldBe(FieldType.Text);
        Field(schema.Single(e => e.Name == "account"), "creditlimit").Secured.ShouldBeTrue();
        Field(schema.Single(e => e.Name == "contact"), "governmentid").Secured.ShouldBeTrue();
        Field(schema.Single(e => e.Name == "contact"), "parentcustomerid").Target.ShouldBeNull("a customer lookup has two targets");
    }

    [Fact]
    public async Task Read_Opportunities_MapsMoneyOptionsLookupsAndDates()
    {
        using var connector = DataverseConnector.Create(Options("opportunity"));

        var (batches, _) = await Reads.AllAsync(connector.Source, "opportunity", null);

        var records = Reads.Records(batches).ToList();
        var money = records.Select(r => r["estimatedvalue"]).OfType<MoneyValue>().ToList();
        money.ShouldNotBeEmpty();
        money.ShouldAllBe(m => m.Currency.Length == 3 && m.BaseAmount != null);
        money.Select(m => m.Currency).Distinct().Count().ShouldBeGreaterThan(1, "the sandbox has accounts in several currencies");
        money.Where(m => m.Currency == "USD").ShouldAllBe(m => m.BaseAmount == m.Amount);
        var state = records.Select(r => r["statecode"]).OfType<OptionValue>().ToList();
        state.ShouldContain(o => o.Value == "1" && o.Label == "Won");
        records.Select(r => r["customerid"]).OfType<LookupValue>().Select(l => l.TargetEntity).Distinct().ShouldBeSubsetOf(["account", "contact"]);
        records.Select(r => r["actualclosedate"]).OfType<DateValue>().ShouldNotBeEmpty();
        records.Select(r => r["createdon"]).OfType<DateTimeValue>().ShouldAllBe(d => d.Value.Offset == TimeSpan.Zero);
    }

    [Fact]
    public async Task Read_TableWithoutChangeTracking_UsesModifiedOnCursor()
    {
        using var truth = new CrmTruth(fixture.Sandbox);
        using var connector = DataverseConnector.Create(Options("subject"));
        var (all, cursor) = await Reads.AllAsync(connector.Source, "subject", null);
        var records = Reads.Records(all).ToList();
        records.ShouldNotBeEmpty();

        (await Reads.AllAsync(connector.Source, "subject", cursor)).Batches.SelectMany(b => b.Records).ShouldBeEmpty();
        var id = records.Select(r => r.Id).Order(StringComparer.Ordinal).First();
        await truth.PatchAsync($"subjects({id})", """{"title":"Renamed"}""");
        var (changed, _) = await Reads.AllAsync(connector.Source, "subject", cursor);

        Reads.Records(changed).Select(r => r.Id).ShouldBe([id]);
    }

    private DataverseOptions Options(params string[] tables)
    {
        var options = CrmTruth.Options(fixture.Sandbox, pageSize: 500);
        options.Tables.Clear();
        foreach (var table in tables)
        {
            options.Tables.Add(table);
        }

        return options;
    }

    private static Connectors.Common.Contracts.FieldSchema Field(Connectors.Common.Contracts.EntitySchema entity, string name) =>
        entity.Fields.Single(f => f.Name == name);
}
