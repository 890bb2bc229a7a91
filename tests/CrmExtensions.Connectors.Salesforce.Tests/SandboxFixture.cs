using CrmExtensions.Sandbox;

namespace CrmExtensions.Connectors.Salesforce.Tests;

/// <summary>One small in-process sandbox shared by the tests of a class (500 leads; the default CRMX_ output fields installed).</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public RunningSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 500, Seed = 1, Orgs = 1 });

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
