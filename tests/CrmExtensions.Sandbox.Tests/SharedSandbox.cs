namespace CrmExtensions.Sandbox.Tests;

/// <summary>One read-mostly sandbox (two orgs, small scale) shared by the query tests.</summary>
public sealed class SharedSandbox : IAsyncLifetime
{
    public RunningSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 400, Seed = 3, Orgs = 2 });

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
