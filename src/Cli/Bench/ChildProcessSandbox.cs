using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Bench;

/// <summary>
/// The sandbox as a child process: <c>dotnet crmx.dll sandbox --port 0 --json --until-stdin-closes</c>, connected to
/// over HTTP from the one JSON line it prints once it serves. Disposing kills it (also on failure and Ctrl+C, as the
/// bench's cancellation unwinds through the dispose); if this process dies without disposing, the child sees its
/// standard input close and stops by itself.
/// </summary>
internal sealed class ChildProcessSandbox : IBenchSandbox
{
    private static readonly JsonSerializerOptions ReadyJson = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(30);

    private readonly Process _process;
    private readonly SandboxReady _ready;
    private readonly HttpClient _http = new();

    private ChildProcessSandbox(Process process, SandboxReady ready)
    {
        _process = process;
        _ready = ready;
    }

    public Uri BaseUrl => _ready.BaseUrl;

    public SandboxCredentials Credentials => _ready.Credentials;

    public SandboxOrg Org => _ready.Orgs[0];

    public string Placement => "child process";

    public int ProcessId => _process.Id;

    public static async Task<ChildProcessSandbox> StartAsync(int scale, int seed, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in (string[])[typeof(ChildProcessSandbox).Assembly.Location, "sandbox", "--port", "0", "--scale", scale.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--json", "--until-stdin-closes"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The sandbox child process did not start.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                if (e.Data is { } line && errors.Length < 4_000)
                {
                    errors.AppendLine(line);
                }
            }
        };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReadyTimeout);
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith('{') && JsonSerializer.Deserialize<SandboxReady>(line, ReadyJson) is { Orgs.Count: > 0 } ready)
                {
                    // Keep draining stdout so the child never blocks on a full pipe.
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                    return new ChildProcessSandbox(process, ready);
                }
            }

            await process.WaitForExitAsync(cancellationToken);
            string tail;
            lock (errors)
            {
                tail = errors.ToString().Trim();
            }

            throw new InvalidOperationException($"The sandbox child process exited with code {process.ExitCode} before serving. {tail}");
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public async Task SimulateAsync(int count, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUrl, $"_sandbox/simulate?org={Uri.EscapeDataString(Org.Key)}&count={count.ToString(CultureInfo.InvariantCulture)}");
        using var response = await _http.PostAsync(uri, null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void ResetPeak() => PeakMemory.Reset(_process.Id);

    public double? PeakMegabytes() => PeakMemory.Megabytes(_process.Id);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            // Closing its standard input asks it to stop; killing makes sure (the bench has no state to save).
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }

        Kill(_process);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
        }

        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The <c>dotnet</c> host: ours when we run under it (tests, <c>dotnet crmx.dll</c>), else the one the SDK names or the one on PATH.</summary>
    private static string DotnetHost()
    {
        var path = Environment.ProcessPath;
        if (path is not null && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}
