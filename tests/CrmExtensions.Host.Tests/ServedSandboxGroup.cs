namespace CrmExtensions.Host.Tests;

/// <summary>One served sandbox (sync and training are the slow part) for every test class that needs it.</summary>
[CollectionDefinition(Name)]
public sealed class ServedSandboxGroup : ICollectionFixture<ServedSandbox>
{
    public const string Name = "served sandbox";
}
