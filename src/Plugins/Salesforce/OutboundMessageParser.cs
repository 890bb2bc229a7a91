using System.Xml;
using System.Xml.Linq;
using CrmExtensions.Plugins.Events;

namespace CrmExtensions.Plugins.Salesforce;

/// <summary>
/// Reads a Salesforce outbound message (salesforce.md §7a): SOAP 1.1 envelope, <c>notifications</c> in
/// <c>http://soap.sforce.com/2005/09/outbound</c>, each <c>Notification</c> with an <c>Id</c> and an <c>sObject</c>
/// whose <c>xsi:type</c> names the object. DTDs are refused. <c>LastModifiedById</c>, when the message includes it,
/// names the user who caused the change.
/// </summary>
public static class OutboundMessageParser
{
    public const string Namespace = "http://soap.sforce.com/2005/09/outbound";
    private static readonly XNamespace Outbound = Namespace;
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The acknowledgement Salesforce requires (HTTP 200, text/xml); anything else makes it retry.</summary>
    public const string Ack = """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>
        """;

    /// <summary>Parses the body; throws <see cref="EventPayloadException"/> naming the missing part.</summary>
    public static OutboundMessage Parse(Stream body)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(body, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 10_000_000 });
            document = XDocument.Load(reader);
        }
        catch (XmlException error)
        {
            throw new EventPayloadException($"The body is not valid XML (line {error.LineNumber}, position {error.LinePosition}).", error);
        }

        var notifications = document.Descendants(Outbound + "notifications").FirstOrDefault()
            ?? throw new EventPayloadException("The SOAP body has no notifications element.");
        var org = (string?)notifications.Element(Outbound + "OrganizationId");
        if (string.IsNullOrWhiteSpace(org))
        {
            throw new EventPayloadException("OrganizationId is missing.");
        }

        var events = new List<CrmEvent>();
        foreach (var (notification, index) in notifications.Elements(Outbound + "Notification").Select((n, i) => (n, i)))
        {
            var id = (string?)notification.Element(Outbound + "Id");
            var sObject = notification.Element(Outbound + "sObject")
                ?? throw new EventPayloadException($"Notification {index + 1} has no sObject.");
            var type = (string?)sObject.Attribute(Xsi + "type");
            var objectName = type?.Split(':')[^1];
            var recordId = sObject.Elements().FirstOrDefault(e => e.Name.LocalName == "Id")?.Value;
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(objectName) || string.IsNullOrWhiteSpace(recordId))
            {
                throw new EventPayloadException($"Notification {index + 1} lacks its Id, sObject type or record Id.");
            }

            var lastModifiedBy = sObject.Elements().FirstOrDefault(e => e.Name.LocalName == "LastModifiedById")?.Value;
            events.Add(new CrmEvent(org.Trim(), $"sf:{id.Trim()}", objectName, recordId.Trim(), "Notification",
                lastModifiedBy is { Length: > 0 } user ? [user.Trim()] : [])
            {
                Row = Row(sObject),
            });
        }

        if (events.Count == 0)
        {
            throw new EventPayloadException("The message holds no Notification.");
        }

        return new OutboundMessage(org.Trim(), (string?)notifications.Element(Outbound + "ActionId"), events);
    }

    /// <summary>
    /// The sObject's fields as a REST query row of strings (the Salesforce connector parses numbers, booleans and dates
    /// from text as it does for Bulk CSV); <c>xsi:nil="true"</c> is null. A field the message does not list, or an empty
    /// one Salesforce left out, is absent: the worker reads the record when a feature field is absent.
    /// </summary>
    private static string Row(XElement sObject)
    {
        var row = new System.Text.Json.Nodes.JsonObject();
        foreach (var field in sObject.Elements())
        {
            var name = field.Name.LocalName;
            if (row.ContainsKey(name) || field.HasElements)
            {
                // Compound fields (address) are not read by the connector either.
                continue;
            }

            row[name] = (string?)field.Attribute(Xsi + "nil") == "true" ? null : field.Value;
        }

        return row.ToJsonString();
    }
}
