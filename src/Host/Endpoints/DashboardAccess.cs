using System.Net;
using System.Security.Cryptography;
using System.Text;
using CrmExtensions.Host.Configuration;
using Hangfire.Dashboard;

namespace CrmExtensions.Host.Endpoints;

/// <summary>
/// The dashboard is for local requests only, unless <c>Crmx:Host:Dashboard:Username/Password</c> are configured:
/// then a remote caller presenting them with HTTP Basic authentication is let in. A request without a known client
/// address (e.g. an in-memory test server) counts as remote.
/// </summary>
internal sealed class DashboardAccess(DashboardSettings settings) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var remote = http.Connection.RemoteIpAddress;
        if (remote is not null && IPAddress.IsLoopback(remote))
        {
            return true;
        }

        if (!settings.RemoteAccessConfigured)
        {
            return false;
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"crmx\"";
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), expected);
    }
}
