namespace CrmExtensions.Connectors.Dataverse.Auth;

/// <summary>What `check` may say about the client certificate: subject, thumbprint and expiry (all public parts).</summary>
internal sealed record CertificateInfo(string Subject, string Thumbprint, DateTimeOffset NotAfter);
