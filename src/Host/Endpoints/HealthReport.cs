namespace CrmExtensions.Host.Endpoints;

/// <summary>The body of <c>/health</c>: no secrets, no customer data.</summary>
public sealed record HealthReport(string Status, string Scheduler, int SchemaVersion, long PendingEvents, IReadOnlyList<string> Connections, string? Problem);
