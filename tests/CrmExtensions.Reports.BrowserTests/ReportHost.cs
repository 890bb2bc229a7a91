using System.Net;
using CrmExtensions.Reports.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Reports.BrowserTests;

/// <summary>A real Kestrel on 127.0.0.1 with a free port, serving the report pages with <see cref="ReportEndpoints.MapCrmxReports"/>.</summary>
internal sealed class ReportHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReportHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="sources">The store the pages read.</param>
    /// <param name="options">Report options (null: the defaults, loopback only).</param>
    /// <param name="pretendRemote">Make every request look as if it came from this address (to test the loopback rule).</param>
    public static async Task<ReportHost> StartAsync(ReportSources sources, ReportOptions? options = null, IPAddress? pretendRemote = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(sources);
        var app = builder.Build();
        if (pretendRemote is not null)
        {
            app.Use((HttpContext context, RequestDelegate next) =>
            {
                context.Connection.RemoteIpAddress = pretendRemote;
                return next(context);
            });
        }

        app.MapCrmxReports(options);
        await app.StartAsync();
        return new ReportHost(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
