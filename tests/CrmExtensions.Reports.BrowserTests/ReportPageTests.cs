using System.Globalization;
using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Outputs;
using CrmExtensions.Scoring.Storage;
using Microsoft.Playwright;

namespace CrmExtensions.Reports.BrowserTests;

/// <summary>
/// The pages as a browser shows them, against what the store holds (read here through the store contracts, not
/// through the report code): champion and AUC, largest segment, API calls of the last sync, reason of the last failure.
/// </summary>
[Collection(SeededStoreGroup.Name)]
public sealed class ReportPageTests(SeededStore seeded)
{
    private static readonly Dictionary<string, string[]> ChartsPerPage = new()
    {
        ["overview"] = ["records-per-entity", "api-calls", "api-budget", "write-back-outcomes"],
        ["models"] = ["roc", "lift", "gain", "calibration", "top-features", "drift", "hit-rate", "per-category", "per-language", "tiers"],
        ["segments"] = ["segment-sizes", "segment-profiles"],
    };

    [SkippableFact]
    public async Task Overview_LastSync_ShowsTheApiCallsTheStoreRecorded()
    {
        await using var browser = await OpenAsync(string.Empty);
        var runs = await seeded.Store.JobRuns.ListAsync(seeded.Org, null, 1_000);
        var lastSync = runs.First(r => r.Job.StartsWith("sync:", StringComparison.Ordinal));

        var org = OrgArticle(browser, seeded.Org);
        var card = org.GetByTestId("last-sync");
        (await card.InnerTextAsync()).ShouldContain(lastSync.Job == "sync:incident" ? "Sync of cases" : lastSync.Job);
        Count(await org.GetByTestId("last-sync-api-calls").InnerTextAsync()).ShouldBe(lastSync.Counts["apiCalls"]);

        // The reads figure adds up the last sync of each entity.
        var perEntity = runs.Where(r => r.Job.StartsWith("sync:", StringComparison.Ordinal)).GroupBy(r => r.Job).Select(g => g.First()).Sum(r => r.Counts["apiCalls"]);
        perEntity.ShouldBeGreaterThan(0);
        Count(await org.GetByTestId("sync-api-calls").InnerTextAsync()).ShouldBe(perEntity);
    }

    [SkippableFact]
    public async Task Overview_SalesforceSync_ShowsTheApiCallsAndBudgetTheStoreRecorded()
    {
        await using var browser = await OpenAsync(string.Empty);
        var sync = (await seeded.Store.JobRuns.ListAsync(seeded.SalesforceOrg, "sync:Case", 10))[0];
        var (used, max) = (sync.Counts["apiBudgetUsed"], sync.Counts["apiBudgetMax"]);
        max.ShouldBeGreaterThan(0);
        used.ShouldBeGreaterThan(0);
        used.ShouldBeLessThanOrEqualTo(max);

        var org = OrgArticle(browser, seeded.SalesforceOrg);
        (await org.GetByTestId("last-sync").InnerTextAsync()).ShouldContain("Sync of cases");
        Count(await org.GetByTestId("last-sync-api-calls").InnerTextAsync()).ShouldBe(sync.Counts["apiCalls"]);
        Count(await org.GetByTestId("api-budget-used").InnerTextAsync()).ShouldBe(used);
        Count(await org.GetByTestId("api-budget-max").InnerTextAsync()).ShouldBe(max);
        (await org.Locator("figure.chart[data-chart='api-budget'] rect.bar").CountAsync()).ShouldBe(1);

        // Dataverse reports no daily allocation: its org says so instead of showing a figure.
        (await OrgArticle(browser, seeded.Org).GetByTestId("api-budget-used").CountAsync()).ShouldBe(0);
        (await OrgArticle(browser, seeded.Org).GetByTestId("api-use").InnerTextAsync()).ShouldContain("not recorded");
    }

    [SkippableFact]
    public async Task Overview_LastFailedRun_ShowsTheReasonTheStoreRecorded()
    {
        await using var browser = await OpenAsync(string.Empty);
        var failed = (await seeded.Store.JobRuns.ListAsync(seeded.Org, null, 1_000)).First(r => r.Status == JobStatus.Failed);
        failed.Job.ShouldBe("sync:incident");
        failed.Error.ShouldNotBeNullOrWhiteSpace();

        var org = OrgArticle(browser, seeded.Org);
        (await org.GetByTestId("last-failure-reason").InnerTextAsync()).ShouldBe(failed.Error);
        (await org.GetByTestId("last-failure").InnerTextAsync()).ShouldContain("Sync of cases");
    }

    [SkippableFact]
    public async Task Models_Champions_ShowTheVersionAndAucTheStoreHolds()
    {
        await using var browser = await OpenAsync("models");
        var models = (await seeded.Store.Models.ListAsync(seeded.Org)).Where(m => m.Kind == ModelKind.Binary).ToList();
        models.Select(m => m.Name).Distinct().Count().ShouldBe(2);
        foreach (var champion in models.Where(m => m.Status == ModelStatus.Champion))
        {
            var article = browser.Page.Locator($"article.model[data-model='{champion.Name}']");
            (await article.GetByTestId("champion").InnerTextAsync()).ShouldBe($"{champion.Name} v{champion.Version}");
            double.Parse(await article.GetByTestId("champion-auc").InnerTextAsync(), CultureInfo.InvariantCulture)
                .ShouldBe(champion.Metrics.Values["auc"], 0.00005);
            (await article.InnerTextAsync()).ShouldContain(champion.StatusReason!);
        }
    }

    [SkippableFact]
    public async Task Models_Versions_ShowEachStatusAndReasonTheStoreHolds()
    {
        await using var browser = await OpenAsync("models");
        var versions = await seeded.Store.Models.ListAsync(seeded.Org, DefaultModels.OpportunityWin);
        versions.Count.ShouldBe(2);
        versions.Count(v => v.Status == ModelStatus.Champion).ShouldBe(1);

        var article = browser.Page.Locator($"article.model[data-model='{DefaultModels.OpportunityWin}']");
        foreach (var version in versions)
        {
            var cells = await article.Locator($"table[data-testid=versions] tr[data-version='{version.Version}'] td").AllInnerTextsAsync();
            cells[0].ShouldBe($"v{version.Version}");
            cells[1].ShouldBe(version.Status.ToString().ToLowerInvariant());
            cells[2].ShouldBe(version.StatusReason);
            double.Parse(cells[5], CultureInfo.InvariantCulture).ShouldBe(version.Metrics.Values["auc"], 0.00005);
        }
    }

    [SkippableFact]
    public async Task Models_CaseModel_ShowsPerCategoryFiguresTiersAndCorrectionRateTheStoreHolds()
    {
        await using var browser = await OpenAsync("models");
        var champion = (await seeded.Store.Models.ListAsync(seeded.SalesforceOrg, DefaultModels.CaseCategory)).Single(m => m.Status == ModelStatus.Champion);
        var details = champion.Metrics.Details!.Value;
        var categories = details.GetProperty("perCategory").EnumerateArray().ToList();
        categories.Count.ShouldBeGreaterThan(2);
        var article = browser.Page.Locator($"article.model[data-model='{DefaultModels.CaseCategory}'][data-org='{seeded.SalesforceOrg.Value}']");

        (await article.GetByTestId("champion").InnerTextAsync()).ShouldBe($"{DefaultModels.CaseCategory} v{champion.Version}");
        await article.Locator("table[data-testid=per-category]").ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("models-case-category-1366x768", fullPage: false);
        await article.Locator("figure.chart[data-chart='per-category']").ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("models-case-category-charts-1366x768", fullPage: false);
        foreach (var category in categories)
        {
            var name = category.GetProperty("category").GetString()!;
            var figures = category.GetProperty("figures");
            var cells = await article.Locator($"table[data-testid=per-category] tr[data-group='{name}'] td").AllInnerTextsAsync();
            cells[0].ShouldBe(name);
            Count(cells[1]).ShouldBe(figures.GetProperty("cases").GetInt32());
            Figure(cells[2]).ShouldBe(Nullable(figures.GetProperty("precision")));
            Figure(cells[3]).ShouldBe(Nullable(figures.GetProperty("recall")));
        }

        (await article.Locator("table[data-testid=per-language] tbody tr").CountAsync()).ShouldBe(details.GetProperty("perLanguage").GetArrayLength());
        Share(await article.GetByTestId("tier-auto").InnerTextAsync()).ShouldBe(champion.Metrics.Values["autoShare"], 0.0005);
        Share(await article.GetByTestId("tier-review").InnerTextAsync()).ShouldBe(champion.Metrics.Values["abstainShare"], 0.0005);
        if (champion.Metrics.Values.TryGetValue("correctionRate", out var correction))
        {
            Share(await article.GetByTestId("correction-rate").InnerTextAsync()).ShouldBe(correction, 0.0005);
        }
    }

    [SkippableFact]
    public async Task Models_TopFeatures_AreTheFieldsTheStoreRanked()
    {
        await using var browser = await OpenAsync("models");
        var champion = (await seeded.Store.Models.ListAsync(seeded.Org, DefaultModels.LeadConversion)).Single(m => m.Status == ModelStatus.Champion);
        var stored = champion.Metrics.Details!.Value.GetProperty("topFeatures").EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Importance: f.GetProperty("importance").GetDouble())).ToList();
        stored.Count.ShouldBeGreaterThan(1);
        stored.Sum(f => f.Importance).ShouldBeLessThanOrEqualTo(1.000001);

        var bars = await browser.Page.Locator($"article.model[data-model='{DefaultModels.LeadConversion}'] figure.chart[data-chart='top-features'] rect.bar title")
            .AllTextContentsAsync();
        bars.ShouldBe([.. stored.Take(10).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}: {f.Importance:0.0%}"))]);
    }

    [SkippableFact]
    public async Task Segments_LargestSegment_IsTheOneWithMostCustomersInTheStore()
    {
        await using var browser = await OpenAsync("segments");
        var segmentation = (await seeded.Store.Models.ListAsync(seeded.Org)).Single(m => m.Kind == ModelKind.Segmentation && m.Status == ModelStatus.Champion);
        var profiles = segmentation.Metrics.Details!.Value.GetProperty("profiles").EnumerateArray()
            .Select(p => (Name: p.GetProperty("name").GetString()!, Size: p.GetProperty("size").GetInt32())).ToList();
        profiles.Count.ShouldBeGreaterThan(1);
        var largest = profiles.OrderByDescending(p => p.Size).First();

        (await browser.Page.GetByTestId("largest-segment").InnerTextAsync()).ShouldBe(largest.Name);
        Count(await browser.Page.GetByTestId("largest-segment-size").InnerTextAsync()).ShouldBe(largest.Size);
        (await browser.Page.Locator("table[data-testid=segments] tbody tr").CountAsync()).ShouldBe(profiles.Count);
    }

    [SkippableTheory]
    [InlineData("overview", "")]
    [InlineData("models", "models")]
    [InlineData("segments", "segments")]
    public async Task Page_InChromium_DrawsEveryChartWithoutConsoleErrors(string name, string path)
    {
        await using var browser = await OpenAsync(path);
        var screenshot = await browser.ScreenshotAsync(name);
        var laptop = await browser.ScreenshotAsync(name + "-1366x768", fullPage: false);

        browser.Status.ShouldBe(200);
        browser.Errors.ShouldBeEmpty();
        File.Exists(screenshot).ShouldBeTrue();
        File.Exists(laptop).ShouldBeTrue();
        var charts = await browser.Page.Locator("figure.chart").EvaluateAllAsync<string[]>("figures => figures.map(f => f.dataset.chart)");
        charts.ShouldBeSubsetOf(charts.Distinct());
        foreach (var chart in ChartsPerPage[name])
        {
            charts.ShouldContain(chart);
        }

        foreach (var chart in charts.Distinct())
        {
            var svg = browser.Page.Locator($"figure.chart[data-chart='{chart}'] svg");
            (await svg.CountAsync()).ShouldBeGreaterThan(0, chart);
            // Drawn, not empty: each chart has marks (bars, lines or dots) with a visible size.
            (await browser.Page.Locator($"figure.chart[data-chart='{chart}'] svg :is(rect.bar, polyline.series, circle)").CountAsync()).ShouldBeGreaterThan(0, chart);
            var box = await svg.First.BoundingBoxAsync();
            box.ShouldNotBeNull();
            box.Width.ShouldBeGreaterThan(200);
        }

        // Nothing is loaded from anywhere: no script and no external resource.
        (await browser.Page.Locator("script, link[rel=stylesheet], img[src^=http]").CountAsync()).ShouldBe(0);
    }

    [SkippableFact]
    public async Task DemoReportFile_OpenedFromDisk_HoldsAllPagesAndChartsWithoutErrors()
    {
        Chromium.Require();
        await using var browser = await BrowserPage.OpenAsync(seeded.Browser!, new Uri(seeded.DemoReportPath));
        await browser.ScreenshotAsync("demo-report-file");

        browser.Errors.ShouldBeEmpty();
        (await browser.Page.Locator("section.page").EvaluateAllAsync<string[]>("s => s.map(x => x.id)")).ShouldBe(["overview", "models", "segments"]);
        // The demo trains every kind of model, the case-category one included: every chart is in the file, drawn.
        var charts = await browser.Page.Locator("figure.chart:has(svg)").EvaluateAllAsync<string[]>("figures => figures.map(f => f.dataset.chart)");
        string[] expected =
        [
            "records-per-entity", "api-calls", "write-back-outcomes", "per-category", "per-language", "tiers", "roc", "lift", "gain", "calibration",
            "top-features", "drift", "hit-rate", "segment-sizes", "segment-profiles",
        ];
        charts.Distinct().ShouldBe(expected, ignoreOrder: true);
    }

    private async Task<BrowserPage> OpenAsync(string path)
    {
        Chromium.Require();
        var page = await BrowserPage.OpenAsync(seeded.Browser!, new Uri(seeded.Host.Address, path));
        page.Status.ShouldBe(200);
        return page;
    }

    private static ILocator OrgArticle(BrowserPage browser, Scoring.Records.OrgId org) => browser.Page.Locator($"article.org[data-org='{org.Value}']");

    private static string Figure(string cell) => cell.Trim();

    private static string Nullable(System.Text.Json.JsonElement figure) =>
        figure.ValueKind == System.Text.Json.JsonValueKind.Number ? figure.GetDouble().ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";

    private static double Share(string text) => double.Parse(text.Trim().TrimEnd('%'), CultureInfo.InvariantCulture) / 100;

    private static long Count(string text) => long.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
