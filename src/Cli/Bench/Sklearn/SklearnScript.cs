using System.Diagnostics;
using System.Text.Json;

namespace CrmExtensions.Cli.Bench.Sklearn;

/// <summary>
/// Runs benchmarks/sklearn/compare.py (embedded in crmx, written next to the exported CSV files) with Debian's
/// python3 and scikit-learn, and reads the JSON it prints.
/// </summary>
internal static class SklearnScript
{
    private const string Install = "install them with: apt-get update && apt-get install -y python3-sklearn python3-pandas (as root, or with sudo)";

    /// <summary>The interpreter: CRMX_PYTHON when set, else /usr/bin/python3 (Debian's packages install there), else python3 on the PATH.</summary>
    public static string Python => Environment.GetEnvironmentVariable("CRMX_PYTHON") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Fails with how to install when python3, scikit-learn, pandas or SciPy is missing; returns the scikit-learn version.</summary>
    public static async Task<string> CheckAsync(CancellationToken cancellationToken)
    {
        var (code, output, error) = await RunAsync(["-c", "import sklearn, pandas, scipy; print(sklearn.__version__)"], cancellationToken);
        return code == 0
            ? output.Trim()
            : throw new UsageException($"--compare-sklearn needs python3 with scikit-learn, pandas and SciPy ({Python}: {LastLine(error)}); {Install}.");
    }

    /// <summary>Writes the script into <paramref name="folder"/> and runs it over the CSV files there.</summary>
    public static async Task<JsonDocument> CompareAsync(string folder, int segments, CancellationToken cancellationToken)
    {
        var script = Path.Combine(folder, "compare.py");
        await using (var resource = typeof(SklearnScript).Assembly.GetManifestResourceStream("compare.py")
            ?? throw new InvalidOperationException("compare.py is not embedded in crmx."))
        await using (var file = File.Create(script))
        {
            await resource.CopyToAsync(file, cancellationToken);
        }

        var (code, output, error) = await RunAsync([script, folder, segments.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
        return code == 0
            ? JsonDocument.Parse(output)
            : throw new InvalidOperationException($"compare.py failed (exit {code}): {Tail(error)}");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Both sides run with their libraries' default thread counts. OpenMP threads that spin while they wait (the
        // default) stall for tens of seconds on a loaded shared machine; passive waiting keeps scikit-learn's fits honest.
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
        {
            start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new UsageException($"--compare-sklearn could not start {Python}; {Install}.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UsageException($"--compare-sklearn needs python3, which was not found ({Python}); {Install}.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await output, await error);
        }
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : text[^2000..].Trim();
}
