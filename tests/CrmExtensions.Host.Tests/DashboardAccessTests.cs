using System.Net;
using System.Text;
using CrmExtensions.Host.Configuration;
using CrmExtensions.Host.Endpoints;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmExtensions.Host.Tests;

public sealed class DashboardAccessTests
{
    private static readonly InMemoryStorage Storage = CreateStorage();

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
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        http.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        var context = new Hangfire.Dashboard.AspNetCoreDashboardContext(Storage, new DashboardOptions(), http);
        return new DashboardAccess(settings).Authorize(context);
    }

    // Hangfire's log provider is global: a host disposed by another test leaves it pointing at a disposed logger factory.
    private static InMemoryStorage CreateStorage()
    {
        GlobalConfiguration.Configuration.UseLogProvider(new SilentLogProvider());
        return new InMemoryStorage();
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private sealed class SilentLogProvider : Hangfire.Logging.ILogProvider
    {
        public Hangfire.Logging.ILog GetLogger(string name) => new Silent();

        private sealed class Silent : Hangfire.Logging.ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }
}
