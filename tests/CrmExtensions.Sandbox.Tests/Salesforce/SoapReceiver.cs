using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmExtensions.Sandbox.Tests.Salesforce;

/// <summary>An outbound-message endpoint: records SOAP POSTs and acknowledges from the given call number on.</summary>
internal sealed class SoapReceiver : IAsyncDisposable
{
    private const string Ack = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>";

    private readonly WebApplication _app;
    private int _calls;

    private SoapReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<string> Received { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<SoapReceiver> StartAsync(int ackFromCall)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new SoapReceiver(app);
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            receiver.Received.Enqueue(await reader.ReadToEndAsync());
            var call = Interlocked.Increment(ref receiver._calls);
            if (call == 1 && ackFromCall > 1)
            {
                http.Response.StatusCode = 500;
                return;
            }

            http.Response.StatusCode = 200;
            http.Response.ContentType = "text/xml";
            await http.Response.WriteAsync(call >= ackFromCall ? Ack : "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body/></soapenv:Envelope>");
        });
        await app.StartAsync();
        receiver.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/outbound");
        return receiver;
    }

    public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Received.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        return Received.Count >= count;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
