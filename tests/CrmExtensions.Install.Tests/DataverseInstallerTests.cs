using CrmExtensions.Install.Dataverse;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Install.Tests;

/// <summary>crmx install's Dataverse path against the in-process sandbox over HTTP.</summary>
public sealed class DataverseInstallerTests : SandboxOrgFixture
{
    private static readonly OutputCatalogue Catalogue = OutputCatalogue.Default;

    [Fact]
    public async Task Install_EmptyOrg_CreatesPublisherSolutionAndEveryCatalogueColumnInTheSolution()
    {
        var report = await new DataverseInstaller(Http, ApiRoot, Catalogue).InstallAsync(null);

        report.Count(InstallActionKind.Created).ShouldBe(Catalogue.Fields.Count + 2);
        report.WriteCalls.ShouldBe(Wire.Writes);
        Wire.Requests.Count(r => r.StartsWith("POST /", StringComparison.Ordinal) && r.Contains("/Attributes", StringComparison.Ordinal)).ShouldBe(Catalogue.Fields.Count);
        var publisher = (await GetAsync("publishers?$filter=uniquename eq 'crmextensions'"))!.Value.GetProperty("value")[0];
        publisher.GetProperty("customizationprefix").GetString().ShouldBe("crmx");
        publisher.GetProperty("customizationoptionvalueprefix").GetInt32().ShouldBe(10000);
        var solution = (await GetAsync("solutions?$filter=uniquename eq 'CrmExtensions'"))!.Value.GetProperty("value")[0];
        solution.GetProperty("_publisherid_value").GetString().ShouldBe(publisher.GetProperty("publisherid").GetString());
        var components = (await GetAsync($"solutioncomponents?$filter=_solutionid_value eq {solution.GetProperty("solutionid").GetString()} and componenttype eq 2"))!.Value.GetProperty("value");
        components.GetArrayLength().ShouldBe(Catalogue.Fields.Count);

        foreach (var field in Catalogue.Fields)
        {
            var column = (await GetAsync($"EntityDefinitions(LogicalName='{field.DataverseTable}')/Attributes(LogicalName='{field.DataverseName}')")).ShouldNotBeNull($"{field.DataverseTable}.{field.DataverseName}");
            column.GetProperty("IsAuditEnabled").GetProperty("Value").GetBoolean().ShouldBeFalse();
            column.GetProperty("IsCustomAttribute").GetBoolean().ShouldBeTrue();
            components.EnumerateArray().ShouldContain(c => c.GetProperty("objectid").GetString() == column.GetProperty("MetadataId").GetString());
            if (field.MaxLength is { } max)
            {
                column.GetProperty("MaxLength").GetInt32().ShouldBe(max);
            }
        }
    }

    [Fact]
    public async Task Install_SecondRun_MakesZeroWriteCalls()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, Catalogue);
        await installer.InstallAsync(null);
        Wire.Reset();

        var second = await installer.InstallAsync(null);

        Wire.Writes.ShouldBe(0, string.Join(Environment.NewLine, Wire.Requests));
        second.WriteCalls.ShouldBe(0);
        second.Actions.ShouldAllBe(a => a.Kind == InstallActionKind.Unchanged);
        second.Actions.Count.ShouldBe(Catalogue.Fields.Count + 2);
    }

    [Fact]
    public async Task Install_CatalogueMaxLengthChanged_UpdatesThatColumnInPlace()
    {
        await new DataverseInstaller(Http, ApiRoot, Catalogue).InstallAsync(null);
        const string path = "EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='crmx_segmentname')";
        var before = (await GetAsync(path))!.Value.GetProperty("MetadataId").GetString();
        var changed = new OutputCatalogue(Catalogue.Fields.Select(f => f.DataverseTable == "contact" && f.DataverseName == "crmx_segmentname" ? f with { MaxLength = 250 } : f));
        Wire.Reset();

        var report = await new DataverseInstaller(Http, ApiRoot, changed).InstallAsync(null);

        var updated = report.Actions.Where(a => a.Kind == InstallActionKind.Updated).ShouldHaveSingleItem();
        updated.Name.ShouldBe("contact.crmx_segmentname");
        updated.Detail.ShouldBe("MaxLength 100 → 250");
        Wire.Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal)).ShouldBe([$"PUT {ApiRoot.AbsolutePath}{path}"]);
        var after = (await GetAsync(path))!.Value;
        after.GetProperty("MaxLength").GetInt32().ShouldBe(250);
        after.GetProperty("MetadataId").GetString().ShouldBe(before);
    }

    [Fact]
    public async Task Install_AdminTurnedAuditingOn_TurnsItOffAgain()
    {
        await new DataverseInstaller(Http, ApiRoot, Catalogue).InstallAsync(null);
        const string path = "EntityDefinitions(LogicalName='incident')/Attributes(LogicalName='crmx_category')";
        await SendAsync(HttpMethod.Put, path, """{"@odata.type":"Microsoft.Dynamics.CRM.StringAttributeMetadata","IsAuditEnabled":{"Value":true,"CanBeChanged":true}}""");

        var report = await new DataverseInstaller(Http, ApiRoot, Catalogue).InstallAsync(null);

        report.Actions.Single(a => a.Kind == InstallActionKind.Updated).Detail.ShouldBe("IsAuditEnabled on → off");
        (await GetAsync(path))!.Value.GetProperty("IsAuditEnabled").GetProperty("Value").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Uninstall_WithColumns_RemovesColumnsAndSolutionThenFindsNothing()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, Catalogue);
        await installer.InstallAsync(null);

        var first = await installer.UninstallAsync(columns: true);
        Wire.Reset();
        var second = await installer.UninstallAsync(columns: true);

        first.Count(InstallActionKind.Deleted).ShouldBe(Catalogue.Fields.Count + 1);
        second.Actions.ShouldAllBe(a => a.Kind == InstallActionKind.Absent);
        Wire.Writes.ShouldBe(0);
        (await GetAsync("EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='crmx_score')")).ShouldBeNull();
        (await GetAsync("solutions?$filter=uniquename eq 'CrmExtensions'"))!.Value.GetProperty("value").GetArrayLength().ShouldBe(0);
        (await GetAsync("solutioncomponents?$filter=componenttype eq 2"))!.Value.GetProperty("value").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Install_AfterUninstall_CreatesTheColumnsAgain()
    {
        var installer = new DataverseInstaller(Http, ApiRoot, Catalogue);
        await installer.InstallAsync(null);
        await installer.UninstallAsync(columns: true);

        var again = await installer.InstallAsync(null);

        again.Count(InstallActionKind.Created).ShouldBe(Catalogue.Fields.Count + 1);
        again.Actions.Single(a => a.Component == "publisher").Kind.ShouldBe(InstallActionKind.Unchanged);
    }

    [Fact]
    public async Task Install_PublisherWithAnotherPrefix_FailsNamingThePublisherAndChangesNothing()
    {
        await SendAsync(HttpMethod.Post, "publishers", """{"uniquename":"crmextensions","friendlyname":"CrmExtensions","customizationprefix":"abc","customizationoptionvalueprefix":12345}""");
        Wire.Reset();

        var error = await Should.ThrowAsync<InstallException>(() => new DataverseInstaller(Http, ApiRoot, Catalogue).InstallAsync(null));

        error.Message.ShouldContain("publisher crmextensions");
        error.Message.ShouldContain("'abc'");
        Wire.Writes.ShouldBe(0);
    }

    [Fact]
    public async Task Install_ColumnExistsWithAnotherType_FailsNamingTheColumn()
    {
        await SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='lead')/Attributes",
            """{"@odata.type":"Microsoft.Dynamics.CRM.StringAttributeMetadata","SchemaName":"crmx_score","MaxLength":10}""");

        var error = await Should.ThrowAsync<InstallException>(() => new DataverseInstaller(Http, ApiRoot, Catalogue).InstallAsync(null));

        error.Message.ShouldContain("lead.crmx_score");
        error.Message.ShouldContain("StringAttributeMetadata");
    }
}
