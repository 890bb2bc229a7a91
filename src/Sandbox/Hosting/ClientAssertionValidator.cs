using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Hosting;

/// <summary>
/// Checks a certificate client assertion the way Entra ID documents it ("Microsoft identity platform certificate
/// credentials", learn.microsoft.com/entra/identity-platform/certificate-credentials): a JWT whose header names the
/// certificate by <c>x5t</c> (SHA-1, RS256 in the older page) or <c>x5t#S256</c> (SHA-256, PS256 in the current page),
/// whose claims are <c>aud</c> = the token endpoint, <c>iss</c> = <c>sub</c> = the client id, <c>jti</c>, <c>nbf</c>,
/// <c>exp</c>, and whose signature verifies with a certificate registered on the app. Both header variants are accepted.
/// </summary>
internal sealed class ClientAssertionValidator(TimeProvider time)
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, X509Certificate2> _bySha1 = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, X509Certificate2> _bySha256 = new(StringComparer.Ordinal);

    /// <summary>Registers a certificate's public part on the app registration (like uploading it in the portal).</summary>
    public void Register(X509Certificate2 certificate)
    {
        var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        _bySha1[Base64Url(certificate.GetCertHash(HashAlgorithmName.SHA1))] = publicOnly;
        _bySha256[Base64Url(certificate.GetCertHash(HashAlgorithmName.SHA256))] = publicOnly;
    }

    /// <summary>Null when the assertion is valid; otherwise an Entra-style error description (AADSTS code and reason).</summary>
    public string? Validate(string assertion, string clientId, string tokenEndpoint)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "AADSTS50027: JWT token is invalid or malformed.";
        }

        JsonElement header, claims;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(FromBase64Url(parts[0])).RootElement;
            claims = JsonDocument.Parse(FromBase64Url(parts[1])).RootElement;
            signature = FromBase64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return "AADSTS50027: JWT token is invalid or malformed.";
        }

        var certificate = Text(header, "x5t#S256") is { } s256 ? _bySha256.GetValueOrDefault(s256)
            : Text(header, "x5t") is { } s1 ? _bySha1.GetValueOrDefault(s1) : null;
        if (certificate is null)
        {
            return "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.";
        }

        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return "AADSTS700027: The certificate used to sign the client assertion is expired or not yet valid.";
        }

        var padding = Text(header, "alg") switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            _ => null,
        };
        using var key = certificate.GetRSAPublicKey();
        if (padding is null || key is null)
        {
            return "AADSTS5002730: Invalid JWT token. Unsupported signing algorithm.";
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, padding))
        {
            return "AADSTS700027: Client assertion failed signature validation.";
        }

        if (!string.Equals(Text(claims, "aud")?.TrimEnd('/'), tokenEndpoint.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return "AADSTS700016: The client assertion audience is not the token endpoint.";
        }

        if (Text(claims, "iss") != clientId || Text(claims, "sub") != clientId)
        {
            return "AADSTS700021: Client assertion iss and sub must be the application id.";
        }

        if (Text(claims, "jti") is null)
        {
            return "AADSTS700023: Client assertion has no jti claim.";
        }

        var exp = Seconds(claims, "exp");
        var nbf = Seconds(claims, "nbf");
        return exp is null || now - Skew >= exp || (nbf is not null && now + Skew < nbf)
            ? "AADSTS700024: Client assertion is not within its valid time range."
            : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // RFC 7519 says NumericDate is a JSON number; MSAL.NET 4.92 sends "nbf"/"exp" as strings of digits, which Entra
    // accepts, so both are read.
    private static DateTimeOffset? Seconds(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(value.GetInt64())
        : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
