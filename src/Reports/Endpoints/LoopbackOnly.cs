using System.Net;
using Microsoft.AspNetCore.Http;

namespace CrmExtensions.Reports.Endpoints;

/// <summary>Refuses requests from other machines unless <see cref="ReportOptions.AllowRemote"/> is set.</summary>
internal static class LoopbackOnly
{
    public const string Refusal =
        "The CrmExtensions reports are served to this machine only. To serve them elsewhere, put authentication in front and set Reports:AllowRemote.";

    /// <summary>True for loopback addresses (IPv4-mapped ones included) and for in-process calls, which have no remote address.</summary>
    public static bool IsLocal(IPAddress? remote)
    {
        if (remote is null)
        {
            return true;
        }

        return IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
    }

    public static EndpointFilterDelegate Filter(ReportOptions options, EndpointFilterDelegate next) => async context =>
        options.AllowRemote || IsLocal(context.HttpContext.Connection.RemoteIpAddress)
            ? await next(context)
            : Results.Text(Refusal, "text/plain", statusCode: StatusCodes.Status403Forbidden);
}
