namespace CrmExtensions.Reports.BrowserTests;

/// <summary>
/// Debian's Chromium, driven by Playwright through its executable path (no browser download). CRMX_CHROMIUM names
/// another executable. Without one the browser tests are skipped, except under CI (CI=true), where they fail.
/// </summary>
internal static class Chromium
{
    public const string Variable = "CRMX_CHROMIUM";

    public static string Path => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test when Chromium is missing, or fails it under CI.</summary>
    public static void Require()
    {
        if (File.Exists(Path))
        {
            return;
        }

        var message = $"Chromium was not found at {Path} (set {Variable}, or run .ci/chromium-install.sh).";
        if (UnderCi)
        {
            throw new InvalidOperationException(message + " Under CI the browser tests must run.");
        }

        Skip.If(true, message);
    }
}
