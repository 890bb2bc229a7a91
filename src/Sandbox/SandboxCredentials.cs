namespace CrmExtensions.Sandbox;

/// <summary>Test client credentials accepted by the sandbox token endpoint (deterministic per seed; not secret).</summary>
public sealed record SandboxCredentials(Guid TenantId, string ClientId, string ClientSecret, Uri TokenEndpoint, Uri Authority);
