using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Testing.Builders;
using CrmExtensions.Testing.Contracts;
using CrmExtensions.Testing.Fakes;

namespace CrmExtensions.Connectors.Common.Tests;

/// <summary>Runs the contract suite against the in-memory fake, so the suite itself is known to pass and to fail.</summary>
public sealed class FakeConnectorContractTests : ConnectorContractTests
{
    private readonly FakeCrm _crm = new(TestOrgs.Production, "lead", records: 25, pageSize: 10);

    protected override string Entity => "lead";

    protected override Task<ICrmSource> SourceAsync() => Task.FromResult<ICrmSource>(new FakeCrmSource(_crm));

    protected override Task<ICrmWriter> WriterAsync() => Task.FromResult<ICrmWriter>(new FakeCrmWriter(_crm));

    protected override Task<IReadOnlyDictionary<string, DateTimeOffset>> CrmRecordsAsync() => Task.FromResult(_crm.Snapshot());

    protected override Task<CrmChanges> ChangeCrmAsync(int creates, int updates, int deletes)
    {
        var existing = _crm.Snapshot().Keys.Order(StringComparer.Ordinal).ToList();
        var deleted = existing.Take(deletes).ToList();
        var updated = existing.Skip(deletes).Take(updates).ToList();
        deleted.ForEach(_crm.Delete);
        updated.ForEach(id => _crm.Update(id, "name", new TextValue("changed")));
        var created = Enumerable.Range(0, creates).Select(_ => _crm.Create()).ToList();
        return Task.FromResult(new CrmChanges(created, updated, deleted));
    }

    protected override Task<FieldValue?> CrmValueAsync(string id, string field) => Task.FromResult(_crm.Get(id)?[field]);

    protected override Task<long> WriteCallsAsync() => Task.FromResult(_crm.WriteCalls);

    protected override (string Field, FieldValue Value) OutputToWrite() => ("crmx_score", new NumberValue(87));
}
