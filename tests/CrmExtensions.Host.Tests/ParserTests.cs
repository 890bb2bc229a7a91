using System.Text;
using CrmExtensions.Plugins.Dataverse;
using CrmExtensions.Plugins.Events;
using CrmExtensions.Plugins.Salesforce;

namespace CrmExtensions.Host.Tests;

public sealed class ParserTests
{
    private static readonly Guid Org = Guid.Parse("4ef5b371-e89e-e711-8122-000d3aa2331c");

    [Fact]
    public void Dataverse_DocExampleShape_GivesOrgRecordOperationAndCallers()
    {
        var user = Guid.NewGuid();
        var operation = Guid.NewGuid();
        var parsed = RemoteExecutionContextParser.Parse(Encoding.UTF8.GetBytes(Payloads.Dataverse(Org, "lead", "6D81597F-0F9F-E711-8122-000D3AA2331C", operation, user)));

        parsed.SenderOrg.ShouldBe(Org.ToString());
        parsed.Entity.ShouldBe("lead");
        parsed.RecordId.ShouldBe("6d81597f-0f9f-e711-8122-000d3aa2331c");
        parsed.EventKey.ShouldBe($"dv:{operation:D}");
        parsed.CallerIds.ShouldBe([user.ToString(), user.ToString()]);
    }

    [Fact]
    public void Dataverse_WithoutImagesOrInputParameters_StillParses()
    {
        // Above 256 KB Dataverse removes InputParameters, ParentContext and the images (dataverse.md §6).
        var body = $$"""{"OrganizationId":"{{Org}}","PrimaryEntityName":"lead","PrimaryEntityId":"6d81597f-0f9f-e711-8122-000d3aa2331c","MessageName":"Update","OperationId":"00000000-0000-0000-0000-000000000000","CorrelationId":"c1","UserId":"75c2dd85-e89e-e711-8122-000d3aa2331c"}""";

        var parsed = RemoteExecutionContextParser.Parse(Encoding.UTF8.GetBytes(body));

        parsed.EventKey.ShouldBe("dv:c1:6d81597f-0f9f-e711-8122-000d3aa2331c:Update");
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"PrimaryEntityName\":\"lead\"}", "OrganizationId")]
    [InlineData("{\"OrganizationId\":\"4ef5b371-e89e-e711-8122-000d3aa2331c\",\"PrimaryEntityName\":\"lead\",\"MessageName\":\"Update\"}", "PrimaryEntityId")]
    [InlineData("{\"OrganizationId\":\"4ef5b371-e89e-e711-8122-000d3aa2331c\",\"PrimaryEntityId\":\"6d81597f-0f9f-e711-8122-000d3aa2331c\",\"MessageName\":\"Update\"}", "PrimaryEntityName")]
    public void Dataverse_BadBody_NamesWhatIsWrong(string body, string named)
    {
        Should.Throw<EventPayloadException>(() => RemoteExecutionContextParser.Parse(Encoding.UTF8.GetBytes(body))).Message.ShouldContain(named);
    }

    [Fact]
    public void Outbound_CapturedShape_GivesOneEventPerNotification()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Payloads.Outbound("00Do0000000e0vQEAQ", ("04l1N00000HVEMpQAP", "00Q1N00000bS2eOUAS"), ("04l1N00000HVEMqQAP", "00Q1N00000bS2ePUAS"))));

        var message = OutboundMessageParser.Parse(body);

        message.OrganizationId.ShouldBe("00Do0000000e0vQEAQ");
        message.Notifications.Select(n => (n.EventKey, n.Entity, n.RecordId)).ShouldBe([("sf:04l1N00000HVEMpQAP", "Lead", "00Q1N00000bS2eOUAS"), ("sf:04l1N00000HVEMqQAP", "Lead", "00Q1N00000bS2ePUAS")]);
    }

    [Fact]
    public void Outbound_WithADtd_IsRefused()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>"));

        Should.Throw<EventPayloadException>(() => OutboundMessageParser.Parse(body));
    }

    [Fact]
    public void LoopGuard_MatchesOwnUsersByGuidOrFifteenCharacterSalesforceId()
    {
        var own = new CrmEvent("o", "k", "lead", "1", "Update", ["75C2DD85-E89E-E711-8122-000D3AA2331C"]);
        var sf = new CrmEvent("o", "k", "Lead", "1", "Notification", ["005000000000001AAA"]);

        LoopGuard.IsOwnChange(own, ["75c2dd85-e89e-e711-8122-000d3aa2331c"]).ShouldBeTrue();
        LoopGuard.IsOwnChange(own, [Guid.NewGuid().ToString()]).ShouldBeFalse();
        LoopGuard.IsOwnChange(sf, ["005000000000001"]).ShouldBeTrue();
        LoopGuard.IsOwnChange(sf, ["005000000000002AAA"]).ShouldBeFalse();
    }
}
