using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CrmExtensions.Connectors.Dataverse.Auth;

/// <summary>
/// Loads the client certificate named by <see cref="DataverseOptions"/>: PKCS#12 (<c>.pfx</c>/<c>.p12</c>) with its password,
/// a PEM file (certificate and key together, or the key in <c>CertificateKeyPath</c>, optionally encrypted), or PEM text.
/// Errors name the setting and never contain the password or key material.
/// </summary>
internal static class ClientCertificateLoader
{
    public static X509Certificate2? Load(DataverseOptions options)
    {
        X509Certificate2 certificate;
        try
        {
            if (!string.IsNullOrWhiteSpace(options.CertificatePem))
            {
                certificate = FromPem(options.CertificatePem, options.CertificatePem, options.CertificatePassword);
            }
            else if (!string.IsNullOrWhiteSpace(options.CertificatePath))
            {
                var path = options.CertificatePath;
                certificate = Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12"
                    ? X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet)
                    : FromPem(File.ReadAllText(path), File.ReadAllText(options.CertificateKeyPath ?? path), options.CertificatePassword);
            }
            else
            {
                return null;
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // The message of these exceptions describes the format problem; it never echoes the password or the key.
            throw new DataverseException(FailureKind.Configuration, 0, string.Empty,
                $"{Setting(options)} could not be loaded as a certificate with a private key ({e.GetType().Name}): {e.Message}");
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is not { } rsa)
        {
            certificate.Dispose();
            throw new DataverseException(FailureKind.Configuration, 0, string.Empty,
                $"{Setting(options)} holds no RSA private key; Entra ID certificate credentials are signed with one.");
        }

        rsa.Dispose();
        return certificate;
    }

    private static X509Certificate2 FromPem(string certificatePem, string keyPem, string? password) =>
        string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPem(certificatePem, keyPem)
            : X509Certificate2.CreateFromEncryptedPem(certificatePem, keyPem, password);

    private static string Setting(DataverseOptions options) =>
        string.IsNullOrWhiteSpace(options.CertificatePem) ? $"{DataverseOptions.Section}:CertificatePath" : $"{DataverseOptions.Section}:CertificatePem";
}
