using System.Text.Json;

namespace CrmExtensions.Host.Tests;

/// <summary>Bodies shaped as the protocol notes show them (dataverse.md §6, salesforce.md §7a).</summary>
internal static class Payloads
{
    public static string Dataverse(Guid org, string entity, string recordId, Guid operationId, Guid userId, string secretValue = "Zanzibar-7731") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["BusinessUnitId"] = Guid.NewGuid(),
            ["CorrelationId"] = Guid.NewGuid(),
            ["Depth"] = 1,
            ["InitiatingUserId"] = userId,
            ["InputParameters"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["key"] = "Target",
                    ["value"] = new Dictionary<string, object?>
                    {
                        ["__type"] = "Entity:http://schemas.microsoft.com/xrm/2011/Contracts",
                        ["Attributes"] = new[] { new { key = "firstname", value = secretValue } },
                        ["Id"] = recordId,
                        ["LogicalName"] = entity,
                    },
                },
            },
            ["MessageName"] = "Update",
            ["Mode"] = 1,
            ["OperationId"] = operationId,
            ["OrganizationId"] = org,
            ["OrganizationName"] = "org1",
            ["PrimaryEntityId"] = recordId,
            ["PrimaryEntityName"] = entity,
            ["Stage"] = 40,
            ["UserId"] = userId,
        }).Replace("/", "\\/", StringComparison.Ordinal);

    public static string Outbound(string org, params (string NotificationId, string RecordId)[] notifications) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>{org}</OrganizationId>
           <ActionId>04k1N0000008pXOQAY</ActionId>
           <SessionId xsi:nil="true"/>
           <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/42.0/00Do0000000e0vQ</EnterpriseUrl>
           <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/42.0/00Do0000000e0vQ</PartnerUrl>
           {string.Concat(notifications.Select(n => $"""
           <Notification>
            <Id>{n.NotificationId}</Id>
            <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
             <sf:Id>{n.RecordId}</sf:Id>
             <sf:Company>Zanzibar-7731</sf:Company>
            </sObject>
           </Notification>
           """))}
          </notifications>
         </soapenv:Body>
        </soapenv:Envelope>
        """;
}
