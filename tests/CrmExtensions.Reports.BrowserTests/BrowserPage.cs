using Microsoft.Playwright;

namespace CrmExtensions.Reports.BrowserTests;

/// <summary>One page opened in Chromium with its console errors and uncaught page errors collected.</summary>
internal sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public int Status { get; private set; }

    /// <summary>Opens <paramref name="url"/> at a laptop's viewport (1366 × 768).</summary>
    public static async Task<BrowserPage> OpenAsync(IBrowser browser, Uri url)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        var opened = new BrowserPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                opened.Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => opened.Errors.Add(error);
        var response = await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        opened.Status = response?.Status ?? 0;
        return opened;
    }

    /// <summary>
    /// A screenshot in the test results folder (TestResults/screenshots next to the test project, or CRMX_TEST_ARTIFACTS):
    /// the full page, or what the 1366 × 768 viewport shows.
    /// </summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        var folder = Environment.GetEnvironmentVariable("CRMX_TEST_ARTIFACTS") is { Length: > 0 } artifacts
            ? artifacts
            : Path.Combine(ProjectFolder(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static string ProjectFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && folder.GetFiles("*.csproj").Length == 0)
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}
