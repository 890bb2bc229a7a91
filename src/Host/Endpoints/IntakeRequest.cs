namespace CrmExtensions.Host.Endpoints;

/// <summary>A webhook request independent of how it arrived (directly, or inside an Azure Functions invocation).</summary>
/// <param name="Body">The raw body.</param>
/// <param name="Header">Looks up a request header (case-insensitive), or null.</param>
/// <param name="Query">Looks up a query-string value, or null.</param>
public sealed record IntakeRequest(byte[] Body, Func<string, string?> Header, Func<string, string?> Query);
