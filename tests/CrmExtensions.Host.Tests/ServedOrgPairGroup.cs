namespace CrmExtensions.Host.Tests;

/// <summary>Test classes that share one <see cref="ServedOrgPair"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ServedOrgPairGroup : ICollectionFixture<ServedOrgPair>
{
    public const string Name = "served org pair";
}
