using System.Security.Cryptography;
using System.Text;

namespace CrmExtensions.Sandbox.Salesforce;

/// <summary>
/// Deterministic Salesforce record ids for the sandbox's Guid-keyed rows: a 3-character key prefix, a fixed
/// pod-like "0g" and ten case-sensitive base-62 characters hashed from the Guid (15 characters), plus the standard
/// 3-character case-insensitive checksum suffix (18 characters).
/// </summary>
internal static class SalesforceId
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    public static string From(string keyPrefix, Guid id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(id.ToByteArray(), hash);
        var n = BitConverter.ToUInt64(hash);
        var sb = new StringBuilder(18).Append(keyPrefix).Append("0g");
        for (var i = 0; i < 10; i++)
        {
            sb.Append(Base62[(int)(n % 62)]);
            n /= 62;
        }

        return sb.Append(Suffix(sb.ToString())).ToString();
    }

    /// <summary>The 15-character case-sensitive form of a 15- or 18-character id, or null when malformed.</summary>
    public static string? To15(string id) => id.Length is 15 or 18 && id.All(char.IsAsciiLetterOrDigit) ? id[..15] : null;

    private static string Suffix(string id15)
    {
        var suffix = new char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[(chunk * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix[chunk] = SuffixChars[bits];
        }

        return new string(suffix);
    }
}
