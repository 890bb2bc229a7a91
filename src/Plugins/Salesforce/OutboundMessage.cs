using CrmExtensions.Plugins.Events;

namespace CrmExtensions.Plugins.Salesforce;

/// <summary>A parsed outbound message: the sending org, the action and up to 100 notifications.</summary>
public sealed record OutboundMessage(string OrganizationId, string? ActionId, IReadOnlyList<CrmEvent> Notifications);
