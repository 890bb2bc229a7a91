namespace CrmExtensions.Sandbox.Tests.Salesforce;

/// <summary>A small sandbox the Salesforce write tests may change (a second long-text field on Task for batch tests).</summary>
public sealed class SfWriteSandbox : IAsyncLifetime
{
    public RunningSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scale = 400, Seed = 5,
            Salesforce = new SalesforceSettings { CustomFields = ["Lead.CRMX_Score__c:double", "Task.Agent_Notes__c:textarea"] },
        });

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
