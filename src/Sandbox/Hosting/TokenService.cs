using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CrmExtensions.Sandbox.Hosting;

/// <summary>
/// Entra-ID-like client-credentials token issuer (dataverse.md §5): one client id/secret, scope
/// <c>{environment-url}/.default</c>, opaque bearer tokens valid for one org until they expire.
/// </summary>
internal sealed class TokenService(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (string OrgKey, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);

    public (string Token, int ExpiresIn) Issue(string orgKey)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[token] = (orgKey, time.GetUtcNow() + lifetime);
        return (token, (int)lifetime.TotalSeconds);
    }

    /// <summary>Null when valid; otherwise the 401 error name (BadAuthTicket, ExpiredAuthTicket, InvalidAuthTicket).</summary>
    public string? Validate(string? authorization, string orgKey)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "BadAuthTicket";
        }

        var token = authorization["Bearer ".Length..].Trim();
        if (!_tokens.TryGetValue(token, out var info) || info.OrgKey != orgKey)
        {
            return "InvalidAuthTicket";
        }

        return time.GetUtcNow() >= info.ExpiresAt ? "ExpiredAuthTicket" : null;
    }

    /// <summary>Makes a token expire now (fault injection of token expiry).</summary>
    public void Expire(string? authorization)
    {
        if (authorization is not null && authorization.Length > 7 && _tokens.TryGetValue(authorization[7..].Trim(), out var info))
        {
            _tokens[authorization[7..].Trim()] = (info.OrgKey, time.GetUtcNow());
        }
    }
}
