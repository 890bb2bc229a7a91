using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace CrmExtensions.Connectors.Salesforce.Auth;

/// <summary>
/// Builds the signed assertion of the JWT bearer flow (salesforce.md §1b): header <c>{"alg":"RS256"}</c>, claims
/// <c>iss</c> = consumer key, <c>sub</c> = username, <c>aud</c> = login host, <c>exp</c> in seconds at most ~3 min ahead.
/// </summary>
internal static class JwtAssertion
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    public static string Create(SalesforceOptions options, DateTimeOffset now)
    {
        using var key = LoadKey(options);
        var header = Base64Url("""{"alg":"RS256"}"""u8.ToArray());
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = options.ClientId!,
            ["sub"] = options.JwtUsername!,
            ["aud"] = options.JwtAudience,
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
        }));
        var signed = $"{header}.{claims}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url(signature)}";
    }

    /// <summary>The RSA key from PEM text, a PEM file or a PKCS#12 file; a bad key fails naming the setting, never quoting it.</summary>
    private static RSA LoadKey(SalesforceOptions options)
    {
        try
        {
            if (options.JwtPrivateKeyPem is { Length: > 0 } pem)
            {
                return FromPem(pem);
            }

            var file = options.JwtKeyFile!;
            var bytes = File.ReadAllBytes(file);
            var text = Encoding.UTF8.GetString(bytes);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                return FromPem(text);
            }

            using var certificate = X509CertificateLoader.LoadPkcs12(bytes, options.JwtKeyFilePassword);
            return certificate.GetRSAPrivateKey()
                ?? throw new SalesforceException(FailureKind.Configuration, 0, "invalid_key", $"{SalesforceOptions.Section}:JwtKeyFile holds a certificate without an RSA private key.");
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException or IOException)
        {
            throw new SalesforceException(FailureKind.Configuration, 0, "invalid_key",
                $"The JWT signing key could not be loaded (check {SalesforceOptions.Section}:JwtPrivateKeyPem, JwtKeyFile and JwtKeyFilePassword): {error.GetType().Name}.");
        }
    }

    private static RSA FromPem(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
