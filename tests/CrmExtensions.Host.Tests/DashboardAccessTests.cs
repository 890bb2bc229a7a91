using System.Net;
using System.Text;
using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Endpoints;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Http;

namespace CrmExtensions.Host.Tests;

public sealed class DashboardAccessTests
{
    private static readonly InMemoryStorage Storage = new();

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.20")]
    [InlineData("::ffff:8.8.8.8")]
    public void RemoteRequest_WithoutConfiguredCredentials_IsRefused(string address)
    {
        Authorize(new DashboardSettings(), address, null).ShouldBeFalse();
    }

    [Fact]
    public void RequestWithoutAClientAddress_IsTreatedAsRemote()
    {
        Authorize(new DashboardSettings(), null, null).ShouldBeFalse();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void LocalRequest_IsAllowed(string address)
    {
        Authorize(new DashboardSettings(), address, null).ShouldBeTrue();
    }

    [Fact]
    public void RemoteRequest_WithConfiguredCredentials_NeedsTheRightOnes()
    {
        var settings = new DashboardSettings { Username = "ops", Password = "correct horse battery" };

        Authorize(settings, "10.1.2.3", null).ShouldBeFalse();
        Authorize(settings, "10.1.2.3", Basic("ops", "wrong")).ShouldBeFalse();
        Authorize(settings, "10.1.2.3", "Basic not-base64!").ShouldBeFalse();
        Authorize(settings, "10.1.2.3", Basic("ops", "correct horse battery")).ShouldBeTrue();
    }

    private static bool Authorize(DashboardSettings settings, string? address, string? authorization)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        var context = new Hangfire.Dashboard.AspNetCoreDashboardContext(Storage, new DashboardOptions(), http);
        return new DashboardAccess(settings).Authorize(context);
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
