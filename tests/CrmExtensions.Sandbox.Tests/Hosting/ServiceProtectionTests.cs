using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace CrmExtensions.Sandbox.Tests.Hosting;

public sealed class ServiceProtectionTests
{
    [Fact]
    public async Task Requests_OverLimit_Return429WithRetryAfterAndDocumentedCode()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scale = 10, TimeProvider = time, Limits = new ServiceProtectionLimits { MaxRequests = 3 },
        });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("WhoAmI");
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
            remaining.Add(ok.Headers.GetValues("x-ms-ratelimit-burst-remaining-xrm-requests").Single());
            ok.Headers.GetValues("x-ms-dop-hint").Single().ShouldBe("4");
        }

        remaining.ShouldBe(["2", "1", "0"]);

        using var limited = await client.GetAsync("WhoAmI");
        var error = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(300));
        error.GetProperty("code").GetString().ShouldBe("0x80072322");
        error.GetProperty("message").GetString().ShouldBe("Number of requests exceeded the limit of 3 over time window of 300 seconds.");

        time.Advance(TimeSpan.FromSeconds(301));
        (await client.GetAsync("WhoAmI")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Batch_CountsAsOneRequest()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10, Limits = new ServiceProtectionLimits { MaxRequests = 1 } });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var body = string.Concat(Enumerable.Range(0, 5).Select(_ => "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET /api/data/v9.2/WhoAmI HTTP/1.1\r\n\r\n")) + "--b--\r\n";
        using var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=b");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.Org.ApiUrl, "$batch")) { Content = content };
        request.Headers.Authorization = new("Bearer", client.Token);

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ConcurrentRequests_OverLimit_AreRejectedImmediately()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scale = 10, Limits = new ServiceProtectionLimits { MaxConcurrentRequests = 1 }, Faults = new FaultSettings { Latency = 1.0, LatencyMilliseconds = 1500 },
        });
        using var client = await SandboxClient.ConnectAsync(sandbox);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.GetAsync("WhoAmI")));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThanOrEqualTo(1);
        limited.ShouldNotBeEmpty();
        (await limited[0].Content.ReadAsStringAsync()).ShouldBe("{\"error\":{\"code\":\"0x80072326\",\"message\":\"Number of concurrent requests exceeded the limit of 1.\"}}");
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
