namespace CrmExtensions.Sandbox;

/// <summary>
/// A Salesforce outbound message (salesforce.md §7a): on every create or update of <paramref name="SObject"/> the
/// record's <paramref name="Fields"/> (plus Id) are POSTed as a SOAP notification to <paramref name="EndpointUrl"/>.
/// </summary>
/// <param name="SObject">sObject name, e.g. <c>Lead</c>.</param>
/// <param name="EndpointUrl">Receiver URL; it must answer 200 with <c>&lt;Ack&gt;true&lt;/Ack&gt;</c>.</param>
/// <param name="Fields">The fields selected when the message was defined.</param>
public sealed record OutboundMessageDefinition(string SObject, Uri EndpointUrl, IReadOnlyList<string> Fields);
