using CrmExtensions.Sandbox;

namespace CrmExtensions.Cli.Bench;

/// <summary>
/// The sandbox a bench runs against, as the pipeline sees it: a URL, test credentials and one org, plus the two things
/// only a bench does — simulate user changes, and read the sandbox process's own peak memory. By default the sandbox is
/// a child process (<see cref="ChildProcessSandbox"/>), so the org it holds in memory is not counted as ours.
/// </summary>
internal interface IBenchSandbox : IAsyncDisposable
{
    Uri BaseUrl { get; }

    SandboxCredentials Credentials { get; }

    SandboxOrg Org { get; }

    /// <summary>Where the sandbox runs, for the report: "child process" or "in process".</summary>
    string Placement { get; }

    /// <summary>Applies <paramref name="count"/> realistic user changes to the org.</summary>
    Task SimulateAsync(int count, CancellationToken cancellationToken);

    /// <summary>Resets the sandbox process's peak memory (per phase); nothing when it shares our process.</summary>
    void ResetPeak();

    /// <summary>The sandbox process's peak resident MB since <see cref="ResetPeak"/>; null when it shares our process.</summary>
    double? PeakMegabytes();
}

/// <summary>Starts the sandbox a bench asked for.</summary>
internal static class BenchSandbox
{
    public static async Task<IBenchSandbox> StartAsync(int scale, bool inProcess, CancellationToken cancellationToken) =>
        inProcess
            ? new InProcessSandbox(await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = scale, Seed = 1 }, cancellationToken))
            : await ChildProcessSandbox.StartAsync(scale, seed: 1, cancellationToken);

    /// <summary>The old mode: the sandbox in our process, its data counted in our peak memory.</summary>
    private sealed class InProcessSandbox(RunningSandbox sandbox) : IBenchSandbox
    {
        public Uri BaseUrl => sandbox.BaseUrl;

        public SandboxCredentials Credentials => sandbox.Credentials;

        public SandboxOrg Org => sandbox.Orgs[0];

        public string Placement => "in process";

        public Task SimulateAsync(int count, CancellationToken cancellationToken) => sandbox.SimulateAsync(Org.Key, count);

        public void ResetPeak()
        {
        }

        public double? PeakMegabytes() => null;

        public ValueTask DisposeAsync() => sandbox.DisposeAsync();
    }
}
