using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Salesforce;

/// <summary>
/// Checks a JWT bearer assertion (salesforce.md §1b): header alg RS256; claims iss = consumer key, sub = user,
/// aud = https://login.salesforce.com | https://test.salesforce.com | the instance, exp in seconds and not past.
/// The signature is verified when a public key is configured (<see cref="SalesforceSettings.JwtPublicKeyPem"/>).
/// </summary>
internal static class JwtBearer
{
    /// <summary>Null when accepted, else <c>error:description</c> in the §1c vocabulary.</summary>
    public static string? Check(string assertion, string clientId, string? publicKeyPem, string instanceUrl, DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "invalid_grant:invalid assertion";
        }

        try
        {
            using var header = JsonDocument.Parse(Decode(parts[0]));
            using var claims = JsonDocument.Parse(Decode(parts[1]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return "invalid_grant:invalid assertion";
            }

            var c = claims.RootElement;
            if (!c.TryGetProperty("iss", out var iss) || iss.GetString() != clientId)
            {
                return "invalid_client_id:client identifier invalid";
            }

            var aud = c.TryGetProperty("aud", out var a) ? a.GetString() : null;
            if (aud is not ("https://login.salesforce.com" or "https://test.salesforce.com") && aud != instanceUrl)
            {
                return "invalid_grant:audience is invalid";
            }

            if (!c.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || exp.GetInt64() <= now.ToUnixTimeSeconds())
            {
                return "invalid_grant:expired authorization code";
            }

            if (!c.TryGetProperty("sub", out var sub) || string.IsNullOrEmpty(sub.GetString()))
            {
                return "invalid_grant:user hasn't approved this consumer";
            }

            if (publicKeyPem is not null)
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(publicKeyPem);
                if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                {
                    return "invalid_grant:invalid assertion";
                }
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or CryptographicException or ArgumentException)
        {
            return "invalid_grant:invalid assertion";
        }
    }

    private static byte[] Decode(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
