using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CrmExtensions.Sandbox.Salesforce;

/// <summary>
/// Access tokens of the Salesforce token endpoint: opaque <c>{orgId}!{random}</c> strings, valid for one org until
/// unused for the session timeout (salesforce.md §1a: no expires_in; 2 h of inactivity by default).
/// </summary>
internal sealed class SalesforceSessions(TimeProvider time, TimeSpan timeout)
{
    private readonly ConcurrentDictionary<string, (string OrgKey, DateTimeOffset LastUsed)> _tokens = new(StringComparer.Ordinal);

    public string Issue(string orgKey, string orgId)
    {
        var token = orgId[..15] + "!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '.').Replace('/', '_');
        _tokens[token] = (orgKey, time.GetUtcNow());
        return token;
    }

    /// <summary>True when the bearer token is valid for the org; using it extends the session.</summary>
    public bool Validate(string authorization, string orgKey)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = authorization["Bearer ".Length..].Trim();
        var now = time.GetUtcNow();
        if (!_tokens.TryGetValue(token, out var info) || info.OrgKey != orgKey || now - info.LastUsed >= timeout)
        {
            return false;
        }

        _tokens[token] = (orgKey, now);
        return true;
    }

    /// <summary>Ends a session now (fault injection of token expiry).</summary>
    public void Expire(string authorization)
    {
        if (authorization.Length > 7)
        {
            _tokens.TryRemove(authorization[7..].Trim(), out _);
        }
    }
}
