using System.Diagnostics;

namespace CrmExtensions.Cli.Bench;

/// <summary>
/// Peak resident memory per phase, of this process or of another one (the sandbox's child process). On Linux the
/// kernel's high-water mark (VmHWM) is reset between phases by writing 5 to /proc/&lt;pid&gt;/clear_refs; elsewhere the
/// process's peak since start is all there is, and the report says so.
/// </summary>
internal static class PeakMemory
{
    private const string Self = "/proc/self";

    /// <summary>True when peaks are per phase (Linux), false when they are since process start.</summary>
    public static bool PerPhase { get; } = OperatingSystem.IsLinux() && File.Exists(Self + "/clear_refs") && File.Exists(Self + "/status");

    public static void Reset() => Reset(Self);

    /// <summary>Resets the peak of process <paramref name="processId"/> (when permitted; else it stays cumulative).</summary>
    public static void Reset(int processId) => Reset($"/proc/{processId}");

    /// <summary>Peak resident set in MB of this process since the last reset (or since start).</summary>
    public static double Megabytes()
    {
        if (PerPhase && HighWaterMark(Self) is { } megabytes)
        {
            return megabytes;
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    /// <summary>Peak resident set in MB of process <paramref name="processId"/> since its last reset; null when it cannot be read (exited, not Linux).</summary>
    public static double? Megabytes(int processId)
    {
        if (PerPhase && HighWaterMark($"/proc/{processId}") is { } megabytes)
        {
            return megabytes;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.PeakWorkingSet64 / 1048576.0;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void Reset(string procFolder)
    {
        if (PerPhase)
        {
            try
            {
                File.WriteAllText(procFolder + "/clear_refs", "5");
            }
            catch (IOException)
            {
                // Not permitted here (some containers) or the process is gone: the peak stays cumulative.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static double? HighWaterMark(string procFolder)
    {
        try
        {
            foreach (var line in File.ReadLines(procFolder + "/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var kb))
                {
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
