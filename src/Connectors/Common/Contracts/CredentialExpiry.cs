namespace CrmExtensions.Connectors.Common.Contracts;

/// <summary>When a credential of a connection stops working, where that is known (a certificate's NotAfter, a configured secret expiry).</summary>
/// <param name="Credential">What it is, by setting and public parts only: <c>Crmx:Dataverse:ClientSecret</c>, <c>certificate CN=… (thumbprint …)</c>.</param>
/// <param name="ExpiresOn">When it expires.</param>
public sealed record CredentialExpiry(string Credential, DateTimeOffset ExpiresOn);
