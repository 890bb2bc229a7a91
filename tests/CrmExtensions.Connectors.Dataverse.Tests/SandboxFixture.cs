using CrmExtensions.Sandbox;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>One small in-process sandbox shared by the tests of a class, with our output column installed on lead.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public const string OutputField = "crmx_score";

    public RunningSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = 500, Seed = 1, Orgs = 1 });
        // The sandbox's lead has no crmx_ columns; install ours the way `crmx install` does (notes §7, metadata Web API).
        using var truth = new CrmTruth(Sandbox);
        await truth.AddIntegerColumnAsync("lead", OutputField);
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
