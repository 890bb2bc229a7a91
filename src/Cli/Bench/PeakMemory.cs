using System.Diagnostics;

namespace CrmExtensions.Cli.Bench;

/// <summary>
/// Peak resident memory per phase. On Linux the kernel's high-water mark (VmHWM) is reset between phases by writing 5
/// to /proc/self/clear_refs; elsewhere the process's peak since start is all there is, and the report says so.
/// </summary>
internal static class PeakMemory
{
    private const string ClearRefs = "/proc/self/clear_refs";
    private const string Status = "/proc/self/status";

    /// <summary>True when peaks are per phase (Linux), false when they are since process start.</summary>
    public static bool PerPhase { get; } = OperatingSystem.IsLinux() && File.Exists(ClearRefs) && File.Exists(Status);

    public static void Reset()
    {
        if (PerPhase)
        {
            try
            {
                File.WriteAllText(ClearRefs, "5");
            }
            catch (IOException)
            {
                // Not permitted here (some containers): the peak stays cumulative.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Peak resident set in MB since the last reset (or since start).</summary>
    public static double Megabytes()
    {
        if (PerPhase)
        {
            foreach (var line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var kb))
                {
                    return kb / 1024.0;
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1048576.0;
    }
}
