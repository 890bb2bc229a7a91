using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Testing.Contracts;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>The shared connector contract, against the Dataverse sandbox over real HTTP (500 leads, pages of 200).</summary>
public sealed class DataverseContractTests(SandboxFixture fixture) : ConnectorContractTests, IClassFixture<SandboxFixture>, IDisposable
{
    private readonly DataverseConnector _connector = DataverseConnector.Create(CrmTruth.Options(fixture.Sandbox));
    private readonly CrmTruth _truth = new(fixture.Sandbox);
    private int _changes;

    protected override string Entity => "lead";

    protected override Task<ICrmSource> SourceAsync() => Task.FromResult(_connector.Source);

    protected override Task<ICrmWriter> WriterAsync() => Task.FromResult(_connector.Writer);

    protected override Task<IReadOnlyDictionary<string, DateTimeOffset>> CrmRecordsAsync() => _truth.LeadsAsync();

    protected override async Task<CrmChanges> ChangeCrmAsync(int creates, int updates, int deletes)
    {
        var existing = (await _truth.LeadsAsync()).Keys.Order(StringComparer.Ordinal).ToList();
        var round = Interlocked.Increment(ref _changes);
        var created = new List<string>();
        for (var i = 0; i < creates; i++)
        {
            created.Add(await _truth.CreateLeadAsync($"Created{round}x{i}"));
        }

        // Updates from the start of the id order, deletes from the end, so the sets never overlap.
        var updated = existing.Skip(round * 10).Take(updates).ToList();
        foreach (var id in updated)
        {
            await _truth.UpdateLeadAsync(id, $"Updated in round {round}");
        }

        var deleted = existing.AsEnumerable().Reverse().Take(deletes).ToList();
        foreach (var id in deleted)
        {
            await _truth.DeleteLeadAsync(id);
        }

        return new CrmChanges(created, updated, deleted);
    }

    protected override async Task<FieldValue?> CrmValueAsync(string id, string field) => CrmTruth.Value(await _truth.LeadAsync(id), field);

    protected override Task<long> WriteCallsAsync() => _truth.CallsAsync("POST $batch");

    protected override (string Field, FieldValue Value) OutputToWrite() => (SandboxFixture.OutputField, new NumberValue(87));

    public void Dispose()
    {
        _connector.Dispose();
        _truth.Dispose();
    }
}
