using System.Diagnostics;

namespace CrmExtensions.Install.Salesforce.Tests;

/// <summary>
/// The Salesforce CLI and sfdx-lwc-jest installed by .ci/sfdx-install.sh (CRMX_SFDX_TOOLS names its folder, default
/// ~/.cache/crmx-sfdx). Without them the tool tests are skipped, except under CI (CI=true), where they fail.
/// </summary>
internal static class SfdxTools
{
    public const string Variable = "CRMX_SFDX_TOOLS";

    public static string Folder => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "crmx-sfdx");

    public static string Sf => Path.Combine(Folder, "bin", "sf");

    public static string LwcJest => Path.Combine(Folder, "bin", "sfdx-lwc-jest");

    /// <summary>The node_modules a generated project links to, so its jest.config.js finds sfdx-lwc-jest.</summary>
    public static string LwcModules => Path.Combine(Folder, "lwc", "node_modules");

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test when the tools are missing, or fails it under CI.</summary>
    public static void Require()
    {
        if (File.Exists(Sf) && File.Exists(LwcJest) && Directory.Exists(LwcModules))
        {
            return;
        }

        var message = $"The Salesforce CLI tools were not found in {Folder} (set {Variable}, or run .ci/sfdx-install.sh).";
        if (UnderCi)
        {
            throw new InvalidOperationException(message + " Under CI the SFDX validation must run.");
        }

        Skip.If(true, message);
    }

    /// <summary>Runs a tool to completion; returns its exit code and its output and error text together.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string tool, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SF_DISABLE_TELEMETRY"] = "true";
        start.Environment["SF_AUTOUPDATE_DISABLE"] = "true";
        start.Environment["SF_SKIP_NEW_VERSION_CHECK"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A bound so a hung tool fails the test instead of the whole run (not a speed check: conversion takes seconds).
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(tool)} {string.Join(' ', args)} did not finish in 10 minutes.");
        }

        return (process.ExitCode, await output + await error);
    }
}
