using System.Net;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

public sealed class MetadataTests(SharedSandbox shared) : IClassFixture<SharedSandbox>
{
    [Fact]
    public async Task EntityDefinitions_FilterChangeTrackingEnabled_ListsTrackedTables()
    {
        // dataverse.md §2: GET EntityDefinitions?$select=SchemaName&$filter=ChangeTrackingEnabled eq true
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync("EntityDefinitions?$select=SchemaName&$filter=ChangeTrackingEnabled eq true");
        var names = json.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("SchemaName").GetString()).ToList();

        names.ShouldContain("Lead");
        names.ShouldContain("Account");
        names.ShouldNotContain("Organization");
        json.GetProperty("value")[0].TryGetProperty("LogicalName", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task EntityDefinition_ByLogicalName_ReturnsSetNameAndKeys()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync("EntityDefinitions(LogicalName='opportunity')");

        json.GetProperty("EntitySetName").GetString().ShouldBe("opportunities");
        json.GetProperty("PrimaryIdAttribute").GetString().ShouldBe("opportunityid");
        json.GetProperty("ChangeTrackingEnabled").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Attributes_Select_ReturnsTypesAndIsSecured()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync("EntityDefinitions(LogicalName='contact')/Attributes?$select=LogicalName,AttributeType,IsSecured");
        var attributes = json.GetProperty("value").EnumerateArray().ToDictionary(a => a.GetProperty("LogicalName").GetString()!);

        attributes["governmentid"].GetProperty("IsSecured").GetBoolean().ShouldBeTrue();
        attributes["parentcustomerid"].GetProperty("AttributeType").GetString().ShouldBe("Customer");
        attributes["createdon"].GetProperty("AttributeType").GetString().ShouldBe("DateTime");
    }

    [Fact]
    public async Task StatusAttribute_ExpandOptionSet_ListsStatusesWithTheirState()
    {
        // dataverse.md §8: …/Attributes(LogicalName='statuscode')/Microsoft.Dynamics.CRM.StatusAttributeMetadata?$expand=OptionSet
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync("EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='statuscode')/Microsoft.Dynamics.CRM.StatusAttributeMetadata?$expand=OptionSet");
        var options = json.GetProperty("OptionSet").GetProperty("Options").EnumerateArray()
            .ToDictionary(o => o.GetProperty("Value").GetInt32(), o => (o.GetProperty("State").GetInt32(), o.GetProperty("Label").GetProperty("UserLocalizedLabel").GetProperty("Label").GetString()));

        options.Count.ShouldBe(7);
        options[3].ShouldBe((1, "Qualified"));
        options[6].ShouldBe((2, "No Longer Interested"));
    }

    [Fact]
    public async Task UnknownEntity_Returns404()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        using var response = await client.GetAsync("EntityDefinitions(LogicalName='nosuch')");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateColumn_OnLead_IsServedInMetadataAndWritable()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var body = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.StringAttributeMetadata\",\"SchemaName\":\"cts_ScoreBand\",\"MaxLength\":100,"
            + "\"DisplayName\":{\"LocalizedLabels\":[{\"Label\":\"Score band\",\"LanguageCode\":1033}]},\"RequiredLevel\":{\"Value\":\"None\"}}";

        using var publisher = await client.SendAsync(HttpMethod.Post, "publishers",
            "{\"uniquename\":\"contoso\",\"friendlyname\":\"Contoso\",\"customizationprefix\":\"cts\",\"customizationoptionvalueprefix\":40675}");
        var publisherId = publisher.Headers.GetValues("OData-EntityId").Single().Split('(', ')')[1];
        using var solution = await client.SendAsync(HttpMethod.Post, "solutions",
            $"{{\"uniquename\":\"ScoringConnector\",\"friendlyname\":\"Scoring Connector\",\"version\":\"1.0.0.0\",\"publisherid@odata.bind\":\"/publishers({publisherId})\"}}");

        using var created = await client.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='lead')/Attributes", body, ("MSCRM.SolutionUniqueName", "ScoringConnector"));
        var id = (await client.GetJsonAsync("leads?$select=leadid&$top=1")).GetProperty("value")[0].GetProperty("leadid").GetString();
        using var patched = await client.SendAsync(HttpMethod.Patch, $"leads({id})", "{\"cts_scoreband\":\"A\"}", ("If-Match", "*"));
        var row = await client.GetJsonAsync($"leads({id})?$select=cts_scoreband");
        var attribute = await client.GetJsonAsync("EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='cts_scoreband')");

        solution.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        created.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var components = (await client.GetJsonAsync("solutioncomponents?$select=objectid,componenttype")).GetProperty("value");
        components.GetArrayLength().ShouldBe(1);
        components[0].GetProperty("objectid").GetString().ShouldBe(attribute.GetProperty("MetadataId").GetString());
        patched.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        row.GetProperty("cts_scoreband").GetString().ShouldBe("A");
        attribute.GetProperty("IsCustomAttribute").GetBoolean().ShouldBeTrue();
        attribute.GetProperty("MaxLength").GetInt32().ShouldBe(100);
    }

    [Fact]
    public async Task CreateColumn_WithUnknownSolution_Returns400AndAddsNothing()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10 });
        using var client = await SandboxClient.ConnectAsync(sandbox);

        using var created = await client.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='lead')/Attributes",
            "{\"@odata.type\":\"Microsoft.Dynamics.CRM.StringAttributeMetadata\",\"SchemaName\":\"cts_Other\"}", ("MSCRM.SolutionUniqueName", "Nope"));
        using var lookup = await client.GetAsync("EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='cts_other')");

        created.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        lookup.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metadata_WithAnnotations_MarksChangeTrackedSets()
    {
        // dataverse.md §2: $metadata?annotations=true → Org.OData.Capabilities.V1.ChangeTracking Supported=true.
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        using var response = await client.GetAsync("$metadata?annotations=true");
        var csdl = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
        var sets = csdl.Descendants(edm + "EntitySet").ToDictionary(e => (string)e.Attribute("Name")!);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var annotation = sets["leads"].Element(edm + "Annotation")!;
        ((string)annotation.Attribute("Term")!).ShouldBe("Org.OData.Capabilities.V1.ChangeTracking");
        ((string)annotation.Element(edm + "Record")!.Element(edm + "PropertyValue")!.Attribute("Bool")!).ShouldBe("true");
        sets["organizations"].Element(edm + "Annotation").ShouldBeNull();
    }

    [Fact]
    public async Task Attributes_FilterByEnumLiteral_ReturnsPicklists()
    {
        using var client = await SandboxClient.ConnectAsync(shared.Sandbox);

        var json = await client.GetJsonAsync("EntityDefinitions(LogicalName='lead')/Attributes?$select=LogicalName&$filter=AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'");
        var names = json.GetProperty("value").EnumerateArray().Select(a => a.GetProperty("LogicalName").GetString()).ToList();

        names.ShouldBe(["leadsourcecode", "industrycode", "leadqualitycode"], ignoreOrder: true);
    }
}
