namespace CrmExtensions.Sandbox.Tests.Options;

public sealed class DataverseVariantsTests
{
    [Fact]
    public void FromSeed_SameSeed_GivesSameVariants()
    {
        DataverseVariants.FromSeed(7).ShouldBe(DataverseVariants.FromSeed(7));
    }

    [Fact]
    public void FromSeed_AcrossSeeds_CoversEveryVariant()
    {
        var variants = Enumerable.Range(0, 64).Select(DataverseVariants.FromSeed).ToList();

        variants.Select(v => v.ExpiredDeltaTokenStatus).Distinct().Count().ShouldBe(Enum.GetValues<DeltaTokenExpiredStatus>().Length);
        variants.Select(v => v.EmptyDelta).Distinct().Count().ShouldBe(Enum.GetValues<EmptyDeltaShape>().Length);
        variants.Select(v => v.AllowResolveIncidentByPatch).Distinct().Count().ShouldBe(2);
        variants.Select(v => v.DeltaContextWithoutApiSegment).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task StartAsync_OrgsOutOfRange_FailsNamingTheSetting()
    {
        var error = await Should.ThrowAsync<ArgumentOutOfRangeException>(() => SandboxServer.StartAsync(new SandboxOptions { Orgs = 0 }));

        error.Message.ShouldContain("SandboxOptions.Orgs");
    }

    [Fact]
    public async Task DeltaContextQuirkVariant_DropsApiSegmentLikeTheDoc()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 10, Variants = new DataverseVariants { DeltaContextWithoutApiSegment = true } });
        using var client = await SandboxClient.ConnectAsync(sandbox);
        var deltaLink = (await client.GetJsonAsync("leads?$select=subject", ("Prefer", "odata.track-changes"))).GetProperty("@odata.deltaLink").GetString()!;

        var delta = await client.GetJsonAsync(deltaLink);

        delta.GetProperty("@odata.context").GetString().ShouldBe($"{client.Org.Url}/data/v9.2/$metadata#leads(subject)/$delta");
    }
}
