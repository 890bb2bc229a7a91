using System.Net;

namespace CrmExtensions.Reports.BrowserTests;

/// <summary>The pages are served to this machine only unless the host allows more.</summary>
[Collection(SeededStoreGroup.Name)]
public sealed class RemoteAccessTests(SeededStore seeded)
{
    [Theory]
    [InlineData("")]
    [InlineData("models")]
    [InlineData("segments")]
    public async Task Page_FromAnotherMachine_IsRefusedByDefault(string path)
    {
        await using var host = await ReportHost.StartAsync(Sources(), pretendRemote: IPAddress.Parse("192.0.2.10"));
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(host.Address, path));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("this machine only");
    }

    [Fact]
    public async Task Page_FromAnotherMachine_IsServedWhenAllowed()
    {
        await using var host = await ReportHost.StartAsync(Sources(), new ReportOptions { AllowRemote = true }, IPAddress.Parse("192.0.2.10"));
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(host.Address, "models"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'none'");
    }

    [Fact]
    public async Task Page_FromLoopback_IsServed()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(seeded.Host.Address);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private ReportSources Sources() => new(seeded.Store.JobRuns, seeded.Store.Models, seeded.Store.Records, seeded.Store.Drift);
}
