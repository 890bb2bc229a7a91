using System.Text.Json;
using CrmExtensions.Plugins.Dataverse;

namespace CrmExtensions.Host.Tests;

/// <summary>DataContract entity images (dataverse.md §6) become Web API rows (dataverse.md §1) without interpreting a value.</summary>
public sealed class EntityImageRowTests
{
    private static readonly Guid Lead = Guid.Parse("6d81597f-0f9f-e711-8122-000d3aa2331c");

    [Fact]
    public void PostImage_BecomesAWebApiRow_WithLookupsOptionsMoneyAndDatesInReadShape()
    {
        var row = Row(Context("Update", post: Image(
            """{"key":"subject","value":"Fleet"}""",
            """{"key":"leadsourcecode","value":{"__type":"OptionSetValue:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts","Value":8}}""",
            """{"key":"revenue","value":{"__type":"Money:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts","Value":2154.32}}""",
            """{"key":"parentaccountid","value":{"__type":"EntityReference:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts","Id":"75c2dd85-e89e-e711-8122-000d3aa2331c","KeyAttributes":[],"LogicalName":"account","Name":null,"RowVersion":null}}""",
            """{"key":"modifiedon","value":"\/Date(1506384247123)\/"}""",
            """{"key":"estimatedclosedate","value":"\/Date(1506409200000-0700)\/"}""",
            """{"key":"campaignid","value":null}""",
            """{"key":"numberofemployees","value":42}""") with { Formatted = """[{"key":"leadsourcecode","value":"Web"}]""" }));

        row.GetProperty("subject").GetString().ShouldBe("Fleet");
        row.GetProperty("leadsourcecode").GetInt32().ShouldBe(8);
        row.GetProperty("leadsourcecode@OData.Community.Display.V1.FormattedValue").GetString().ShouldBe("Web");
        row.GetProperty("revenue").GetDecimal().ShouldBe(2154.32m);
        row.GetProperty("_parentaccountid_value").GetString().ShouldBe("75c2dd85-e89e-e711-8122-000d3aa2331c");
        row.GetProperty("_parentaccountid_value@Microsoft.Dynamics.CRM.lookuplogicalname").GetString().ShouldBe("account");
        row.GetProperty("modifiedon").GetString().ShouldBe("2017-09-26T00:04:07Z", "cut to whole seconds as the Web API writes dates");
        row.GetProperty("estimatedclosedate").GetString().ShouldBe("2017-09-26T00:00:00-07:00", "kept in the sender's offset: the local date stays");
        row.GetProperty("campaignid").ValueKind.ShouldBe(JsonValueKind.Null);
        row.GetProperty("_campaignid_value").ValueKind.ShouldBe(JsonValueKind.Null);
        row.GetProperty("numberofemployees").GetInt32().ShouldBe(42);
    }

    [Fact]
    public void WithoutPostImage_PreImageOverlaidWithTheTarget_IsTheRecordAfterTheUpdate()
    {
        var row = Row(Context("Update",
            pre: Image("""{"key":"subject","value":"Old"}""", """{"key":"numberofemployees","value":10}"""),
            target: Image("""{"key":"numberofemployees","value":12}""")));

        row.GetProperty("subject").GetString().ShouldBe("Old");
        row.GetProperty("numberofemployees").GetInt32().ShouldBe(12);
    }

    [Fact]
    public void DeleteOrNoImages_CarryNoRow_AndAnotherRecordsImageIsNotTaken()
    {
        EntityImageRow.From(Parse(Context("Delete", post: Image("""{"key":"subject","value":"x"}"""))), "lead", Lead).ShouldBeNull();
        EntityImageRow.From(Parse(Context("Update")), "lead", Lead).ShouldBeNull();
        EntityImageRow.From(Parse(Context("Update", post: Image("""{"key":"subject","value":"x"}""") with { Id = Guid.NewGuid() })), "lead", Lead).ShouldBeNull();
    }

    [Theory]
    [InlineData("/Date(0)/", "1970-01-01T00:00:00Z")]
    [InlineData("/Date(-1500)/", "1969-12-31T23:59:58Z")]
    [InlineData("/Date(1506409448000+0200)/", "2017-09-26T09:04:08+02:00")]
    [InlineData("Date(5)", null)]
    public void DateValue_ReadsDataContractDates(string text, string? expected) =>
        EntityImageRow.DateValue(text).ShouldBe(expected);

    private sealed record EntityJson(string Attributes, Guid Id)
    {
        public string Formatted { get; init; } = "[]";

        public override string ToString() =>
            $$"""{"Attributes":[{{Attributes}}],"EntityState":null,"FormattedValues":{{Formatted}},"Id":"{{Id:D}}","KeyAttributes":[],"LogicalName":"lead","RelatedEntities":[],"RowVersion":null}""";
    }

    private static EntityJson Image(params string[] attributes) => new(string.Join(",", attributes), Lead);

    private static string Context(string message, EntityJson? post = null, EntityJson? pre = null, EntityJson? target = null)
    {
        var images = (string name, EntityJson? image) => image is null ? $"\"{name}\":[]" : $$"""
            "{{name}}":[{"key":"Image","value":{{image}}}]
            """;
        var input = target is null ? "[]" : $$"""[{"key":"Target","value":{{target}}}]""";
        return $$"""
            {"InputParameters":{{input}},"MessageName":"{{message}}","OrganizationId":"4ef5b371-e89e-e711-8122-000d3aa2331c",
             {{images("PostEntityImages", post)}},{{images("PreEntityImages", pre)}},
             "PrimaryEntityId":"{{Lead:D}}","PrimaryEntityName":"lead","UserId":"75c2dd85-e89e-e711-8122-000d3aa2331c"}
            """;
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonElement Row(string context) =>
        JsonDocument.Parse(EntityImageRow.From(Parse(context), "lead", Lead).ShouldNotBeNull()).RootElement.Clone();
}
