namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>A read stopped after any stored page resumes from that page's cursor with nothing lost or doubled.</summary>
public sealed class ResumeTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Read_ResumedFromMidReadCursor_DeliversTheRestOnce()
    {
        using var truth = new CrmTruth(fixture.Sandbox);
        using var connector = DataverseConnector.Create(CrmTruth.Options(fixture.Sandbox, pageSize: 120));
        var first = new List<Connectors.Common.Contracts.RecordBatch>();
        await foreach (var batch in connector.Source.ReadAsync("lead", null))
        {
            first.Add(batch);
            break;
        }

        var (rest, cursor) = await Reads.AllAsync(connector.Source, "lead", first[0].Cursor);

        rest.ShouldAllBe(b => b.FullRead);
        var ids = Reads.Records(first.Concat(rest)).Select(r => r.Id).ToList();
        ids.ShouldBeUnique();
        ids.ShouldBe((await truth.LeadsAsync()).Keys, ignoreOrder: true);
        (await Reads.AllAsync(connector.Source, "lead", cursor)).Batches.SelectMany(b => b.Records).ShouldBeEmpty();
    }

    [Fact]
    public async Task Read_UnknownCursor_IsRefusedWithAMessage()
    {
        using var connector = DataverseConnector.Create(CrmTruth.Options(fixture.Sandbox));

        var error = await Should.ThrowAsync<InvalidDataException>(async () => await Reads.AllAsync(connector.Source, "lead", "something-else"));

        error.Message.ShouldContain("full sync");
    }
}
