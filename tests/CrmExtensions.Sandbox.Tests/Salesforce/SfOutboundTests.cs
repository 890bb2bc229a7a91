namespace CrmExtensions.Sandbox.Tests.Salesforce;

public sealed class SfOutboundTests
{
    [Fact]
    public async Task OutboundMessage_OwnApiWrite_IsRedeliveredUntilAck()
    {
        await using var receiver = await SoapReceiver.StartAsync(ackFromCall: 3);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scale = 50, Seed = 11,
            Salesforce = new SalesforceSettings
            {
                OutboundMessages = [new OutboundMessageDefinition("Lead", receiver.Url, ["Company", "LastName", "Status", "CRMX_Score__c"])],
                OutboundFirstRetry = TimeSpan.FromMilliseconds(100),
            },
        });
        using var client = await SfClient.ConnectAsync(sandbox);
        var lead = (await client.QueryAsync("SELECT Id FROM Lead WHERE IsConverted = false AND Status = 'Open - Not Contacted' LIMIT 1")).GetProperty("records")[0].GetProperty("Id").GetString();

        var (status, _, response) = await client.CallAsync(HttpMethod.Patch, $"sobjects/Lead/{lead}", "{\"CRMX_Score__c\": 42}");
        response.Dispose();
        status.ShouldBe(204);

        (await receiver.WaitForAsync(3, TimeSpan.FromSeconds(10))).ShouldBeTrue();
        await Task.Delay(700);
        receiver.Received.Count.ShouldBe(3);
        var bodies = receiver.Received.ToArray();
        bodies.Select(b => System.Text.RegularExpressions.Regex.Match(b, "<Notification>\\s*<Id>([^<]+)</Id>").Groups[1].Value).Distinct().Count().ShouldBe(1);
        var body = bodies[^1];
        // salesforce.md §7a payload structure.
        body.ShouldContain("<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">");
        body.ShouldContain("<SessionId xsi:nil=\"true\"/>");
        body.ShouldContain("<sObject xsi:type=\"sf:Lead\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">");
        body.ShouldContain($"<sf:Id>{lead}</sf:Id>");
        body.ShouldContain("<sf:CRMX_Score__c>42</sf:CRMX_Score__c>");
        body.ShouldContain("<sf:Status>Open - Not Contacted</sf:Status>");
        body.ShouldNotContain("<sf:Email>");
    }
}
