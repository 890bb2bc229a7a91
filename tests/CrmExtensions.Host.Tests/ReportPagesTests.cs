using System.Net;
using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Host.Tests;

/// <summary>The report pages of src/Reports mounted in the host, reading the host's store after a refresh and training run.</summary>
[Collection(ServedSalesforceGroup.Name)]
public sealed class ReportPagesTests(ServedSalesforce served)
{
    [Theory]
    [InlineData("", "Overview")]
    [InlineData("models", "Models")]
    [InlineData("segments", "Segments")]
    public async Task ReportPage_IsServedToLocalCallers(string path, string title)
    {
        using var response = await served.Http.GetAsync(new Uri(served.BaseUrl, path));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("CrmExtensions report");
        html.ShouldContain($"<h2 class=\"page-title\">{title}</h2>");
    }

    [Fact]
    public async Task ModelsPage_ShowsTheModelTrainedByTheHost()
    {
        var html = await served.Http.GetStringAsync(new Uri(served.BaseUrl, "models"));

        html.ShouldContain(DefaultModels.LeadConversion);
    }
}
