using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmExtensions.Sandbox.Dataverse.Http;
using CrmExtensions.Sandbox.Salesforce;
using CrmExtensions.Sandbox.Salesforce.Http;
using Microsoft.AspNetCore.Http;

namespace CrmExtensions.Sandbox.Hosting;

/// <summary>
/// The Salesforce half (issue 8): each org is also a Salesforce "My Domain" at <c>{BaseUrl}/{org}</c> with
/// <c>/services/oauth2/token</c> and <c>/services/data/vXX.X/…</c>, over the same records the Dataverse API serves.
/// </summary>
internal sealed partial class SandboxHost
{
    private async Task SalesforceAsync(HttpContext http, string orgKey, string[] rest)
    {
        var sf = _salesforce[orgKey];
        var settings = _options.Salesforce;
        if (rest is ["oauth2", "token"] && HttpMethods.IsPost(http.Request.Method))
        {
            // Not an API call against the daily allocation, but counted apart (as Dataverse's) so benchmarks can cap them.
            _stats.Call("_tokens", "SF POST token");
            await SalesforceTokenAsync(http, sf, loginHost: false).ConfigureAwait(false);
            return;
        }

        if (rest is ["data"] && HttpMethods.IsGet(http.Request.Method))
        {
            // GET /services/data/: the versions list, no session needed and no Sforce-Limit-Info (salesforce.md §5).
            await WriteAsync(http, Versions()).ConfigureAwait(false);
            return;
        }

        if (rest is not ["data", var v, ..] || v.Length < 2 || v[0] != 'v' || !settings.ApiVersions.Contains(v[1..]))
        {
            await WriteAsync(http, SfResponse.Error(404, "NOT_FOUND", "The requested resource does not exist")).ConfigureAwait(false);
            return;
        }

        var version = v[1..];
        var path = string.Join('/', rest.Skip(2));
        var method = http.Request.Method.ToUpperInvariant();
        _stats.Call(orgKey, $"SF {method} {SalesforceLabel(rest.Skip(2).ToArray())}");
        var authorization = http.Request.Headers.Authorization.ToString();
        if (_faults.Roll(f => f.TokenExpiry))
        {
            _sfSessions.Expire(authorization);
        }

        var usage = _sfUsage[orgKey];
        if (!_sfSessions.Validate(authorization, orgKey))
        {
            // salesforce.md §1d: 401 with the documented JSON array body.
            await WriteAsync(http, SfResponse.Error(401, "INVALID_SESSION_ID", settings.InvalidSessionMessage)).ConfigureAwait(false);
            return;
        }

        // Both limits answer 403 REQUEST_LIMIT_EXCEEDED (salesforce.md §5); only the message tells them apart.
        DataverseResponse? refused = null;
        if (usage.LongRunning(settings.LongRunningThreshold) >= settings.ConcurrentLongRunningRequests)
        {
            refused = SfResponse.Error(403, "REQUEST_LIMIT_EXCEEDED", settings.LongRunningLimitMessage);
        }
        else if (!usage.TryCount(settings.DailyApiRequests))
        {
            refused = SfResponse.Error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }

        http.Response.Headers["Sforce-Limit-Info"] = LimitInfo(usage, settings);
        if (refused is not null)
        {
            await WriteAsync(http, refused).ConfigureAwait(false);
            return;
        }

        var ticket = usage.Enter();
        try
        {
            if (_faults.Roll(f => f.Latency))
            {
                await Task.Delay(_faults.Settings.LatencyMilliseconds, http.RequestAborted).ConfigureAwait(false);
            }

            if (_faults.Roll(f => f.InternalServerError))
            {
                await WriteAsync(http, SfResponse.Error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support.")).ConfigureAwait(false);
                return;
            }

            if (_faults.Roll(f => f.ServiceUnavailable))
            {
                await WriteAsync(http, SfResponse.Error(503, "SERVER_UNAVAILABLE", "Server is temporarily unavailable.")).ConfigureAwait(false);
                return;
            }

            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
            var request = new SfRequest(method, version, path, http.Request.Query, http.Request.Headers, buffer.ToArray());
            var ctx = new SalesforceContext(sf, settings, () => (usage.Used, settings.DailyApiRequests));
            var response = SalesforceApi.Execute(request, ctx);
            _stats.Records(orgKey, ctx.RecordsRead, ctx.RecordsWritten);
            await WriteAsync(http, response).ConfigureAwait(false);
        }
        finally
        {
            usage.Exit(ticket);
        }
    }

    /// <summary>client_id/client_secret from <c>Authorization: Basic</c> (salesforce.md §1a: UNVERIFIED variant).</summary>
    private static (string Id, string Secret)? BasicCredentials(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (Uri.UnescapeDataString(text[..colon]), Uri.UnescapeDataString(text[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string LimitInfo(SalesforceUsage usage, SalesforceSettings settings)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"api-usage={usage.Used}/{settings.DailyApiRequests}");
        return settings.LimitInfo switch
        {
            LimitInfoVariant.WithApiBursts => text + string.Create(CultureInfo.InvariantCulture, $"; api-bursts={usage.LongRunning(TimeSpan.Zero)}/750"),
            LimitInfoVariant.WithPerAppUsage => text + string.Create(CultureInfo.InvariantCulture, $"; per-app-api-usage={usage.Used}/250(appName=crmx-sandbox)"),
            _ => text,
        };
    }

    private DataverseResponse Versions() => SfResponse.Json(200, JsonBuffer.Write(w =>
    {
        w.WriteStartArray();
        foreach (var version in _options.Salesforce.ApiVersions)
        {
            w.WriteStartObject();
            w.WriteString("label", ReleaseName(version));
            w.WriteString("url", $"/services/data/v{version}");
            w.WriteString("version", version);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }));

    /// <summary>Release name of an API version: 62.0 = Winter '25, three releases a year.</summary>
    private static string ReleaseName(string version)
    {
        var major = (int)double.Parse(version, CultureInfo.InvariantCulture);
        var index = major - 62;
        var year = 25 + (int)Math.Floor(index / 3.0);
        var season = (((index % 3) + 3) % 3) switch { 0 => "Winter", 1 => "Spring", _ => "Summer" };
        return string.Create(CultureInfo.InvariantCulture, $"{season} '{year:D2}");
    }

    private static string SalesforceLabel(string[] rest) => rest switch
    {
        ["sobjects", var type, "describe" or "updated" or "deleted"] => $"sobjects/{type}/{rest[2]}",
        ["sobjects", var type, _] => $"sobjects/{type}",
        ["query" or "queryAll", _] => rest[0] + "/next",
        ["jobs", var kind, _] => $"jobs/{kind}/job",
        ["jobs", var kind, _, var sub] => $"jobs/{kind}/job/{sub}",
        [] => string.Empty,
        _ => string.Join('/', rest),
    };

    /// <summary>
    /// <c>POST {My Domain}/services/oauth2/token</c>, client credentials (salesforce.md §1a) or JWT bearer (§1b);
    /// errors in the OAuth shape of §1c.
    /// </summary>
    private async Task SalesforceTokenAsync(HttpContext http, SalesforceOrg sf, bool loginHost)
    {
        if (!http.Request.HasFormContentType)
        {
            await OAuthErrorAsync(http, 400, "invalid_request", "grant type is missing").ConfigureAwait(false);
            return;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var grant = form["grant_type"].ToString();
        var (clientId, clientSecret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        if (_options.Salesforce.ClientCredentialsInBasicHeader && clientId.Length == 0 && BasicCredentials(http) is { } basic)
        {
            (clientId, clientSecret) = basic;
        }

        string? error = grant switch
        {
            "" => "invalid_request:grant type is missing",
            // salesforce.md §1a: client credentials only on the My Domain host (error text UNVERIFIED).
            "client_credentials" when loginHost => "invalid_grant:request not supported on this domain",
            "client_credentials" when clientId != ClientId || clientSecret != ClientSecret => "invalid_client:invalid client credentials",
            "client_credentials" => null,
            "urn:ietf:params:oauth:grant-type:jwt-bearer" => JwtBearer.Check(form["assertion"].ToString(), ClientId, _options.Salesforce.JwtPublicKeyPem, OrgUrl(sf.Store), _options.TimeProvider.GetUtcNow()),
            _ => "unsupported_grant_type:grant type not supported",
        };
        if (error is not null)
        {
            var colon = error.IndexOf(':', StringComparison.Ordinal);
            await OAuthErrorAsync(http, 400, error[..colon], error[(colon + 1)..]).ConfigureAwait(false);
            return;
        }

        var instance = OrgUrl(sf.Store);
        var id = $"{instance}/id/{sf.OrgId}/{sf.UserId}";
        var issuedAt = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ClientSecret), Encoding.UTF8.GetBytes(id + issuedAt)));
        var body = new Dictionary<string, string>
        {
            ["access_token"] = _sfSessions.Issue(sf.Store.Identity.Key, sf.OrgId),
            ["signature"] = signature,
            ["scope"] = "api",
            ["instance_url"] = instance,
            ["id"] = id,
            ["token_type"] = "Bearer",
            ["issued_at"] = issuedAt,
        };
        if (_options.Salesforce.TokenIncludesApiInstanceUrl)
        {
            body["api_instance_url"] = BaseUrl;
        }

        http.Response.Headers.CacheControl = "no-cache,must-revalidate,max-age=0,no-store,private";
        await JsonAsync(http, 200, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body)).ConfigureAwait(false);
    }
}
