namespace CrmExtensions.Sandbox.Dataverse.Webhooks;

/// <summary>One POST to make: where, with which headers, the body, and the step it belongs to.</summary>
internal sealed record WebhookDelivery(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, Guid StepId, string EntityName, Guid CorrelationId);
